using System.Globalization;
using System.Text.RegularExpressions;

namespace Sesame.Core.Identity.Identifiers;

/// <summary>How a typed NAM fares before anything is sent to RAMQ.</summary>
public enum NamVerdict
{
    Valid,

    /// <summary>Not 12 characters of the right shape, or a birth date that does not exist.</summary>
    Malformed,

    /// <summary>
    /// The shape is right but the check digit disagrees. The algorithm rests on a single public source
    /// (identifiers.md), so the person is asked to re-read their card rather than refused outright.
    /// </summary>
    CheckDigitMismatch,
}

/// <summary>
/// The RAMQ health insurance number (numéro d'assurance maladie), <c>LLLF YYMM DDSC</c> (identifiers.md):
/// three letters of the family name at birth, the first of the given name, the birth date with +50 on the
/// month for women, a sequence digit and a check digit.
/// </summary>
public static partial class HealthInsuranceNumber
{
    public const int Length = 12;

    private static readonly int[] Weights = [7, 1, 1, 3, 9, 7, 3, 9, 5, 3, 1, 3, 5, 7, 6, 9, 1];

    public static NamVerdict Check(string? input) => Check(input, out _);

    public static NamVerdict Check(string? input, out string normalized)
    {
        var nam = IdentifierText.Normalize(input);
        normalized = nam;
        if (!Shape().IsMatch(nam))
        {
            return NamVerdict.Malformed;
        }

        var centuries = PossibleBirthDates(nam).ToList();
        if (centuries.Count == 0)
        {
            return NamVerdict.Malformed;
        }

        // The century is not printed: a check digit that fits either century is accepted.
        var printed = nam[11] - '0';
        return centuries.Any(c => CheckDigit(nam[..4], c.Century, nam[4..10], nam[10] - '0') == printed)
            ? NamVerdict.Valid
            : NamVerdict.CheckDigitMismatch;
    }

    /// <summary>Builds the NAM of a person; the simulator's population and the tests use it.</summary>
    public static string Compose(string familyNameAtBirth, string givenName, DateOnly birthDate, bool female, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 9);
        var letters = (IdentifierText.LettersOf(familyNameAtBirth) + "XXX")[..3] + IdentifierText.LettersOf(givenName)[..1];
        var printedDate = string.Create(CultureInfo.InvariantCulture,
            $"{birthDate.Year % 100:00}{birthDate.Month + (female ? 50 : 0):00}{birthDate.Day:00}");
        var check = CheckDigit(letters, birthDate.Year / 100, printedDate, sequence);
        return string.Create(CultureInfo.InvariantCulture, $"{letters}{printedDate}{sequence}{check}");
    }

    /// <summary>
    /// Letters become two digits each (A=01 … R=18, then S=20 … Z=27: 19 is skipped), then the printed date
    /// with its century, then the sequence digit: 17 digits, weighted, summed, modulo 10 (identifiers.md).
    /// </summary>
    public static int CheckDigit(string letters, int century, string printedYymmdd, int sequence)
    {
        Span<int> digits = stackalloc int[17];
        var i = 0;
        foreach (var letter in letters)
        {
            var value = letter - 'A' + 1;
            if (value >= 19)
            {
                value++;
            }

            digits[i++] = value / 10;
            digits[i++] = value % 10;
        }

        digits[i++] = century / 10;
        digits[i++] = century % 10;
        foreach (var c in printedYymmdd)
        {
            digits[i++] = c - '0';
        }

        digits[i] = sequence;
        var sum = 0;
        for (var k = 0; k < digits.Length; k++)
        {
            sum += digits[k] * Weights[k];
        }

        return sum % 10;
    }

    /// <summary>
    /// Soft consistency hints (identifiers.md): the letters and the birth date that the NAM should carry for
    /// the declared names and date. Never a refusal (names and sex designations change), and sex is never
    /// derived from the NAM: both +0 and +50 months are accepted.
    /// </summary>
    public static IReadOnlyList<NamHint> Hints(string normalizedNam, string givenName, string familyName, DateOnly birthDate)
    {
        var hints = new List<NamHint>();
        if (normalizedNam.Length != Length)
        {
            return hints;
        }

        var family = (IdentifierText.LettersOf(familyName) + "XXX")[..3];
        var given = IdentifierText.LettersOf(givenName);
        if (!normalizedNam.StartsWith(family, StringComparison.Ordinal) || given.Length == 0 || normalizedNam[3] != given[0])
        {
            hints.Add(NamHint.NamesDiffer);
        }

        var dates = PossibleBirthDates(normalizedNam).Select(d => d.Date);
        if (!dates.Contains(birthDate))
        {
            hints.Add(NamHint.BirthDateDiffers);
        }

        return hints;
    }

    /// <summary>Displayed as on the card: <c>TREM 8553 1419</c>.</summary>
    public static string Display(string normalized) => IdentifierText.Group(normalized, 4, 4, 4);

    /// <summary>Masked for screens and audit records: <c>TREM •••• ••19</c>.</summary>
    public static string Mask(string normalized) =>
        normalized.Length == Length ? $"{normalized[..4]} •••• ••{normalized[10..]}" : "•••• •••• ••••";

    private static IEnumerable<(int Century, DateOnly Date)> PossibleBirthDates(string normalized)
    {
        var yy = int.Parse(normalized.AsSpan(4, 2), CultureInfo.InvariantCulture);
        var month = int.Parse(normalized.AsSpan(6, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(normalized.AsSpan(8, 2), CultureInfo.InvariantCulture);
        if (month > 50)
        {
            month -= 50;
        }

        foreach (var century in (int[])[19, 20])
        {
            var year = century * 100 + yy;
            if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                yield return (century, new DateOnly(year, month, day));
            }
        }
    }

    [GeneratedRegex(@"^[A-Z]{4}\d{2}(0[1-9]|1[0-2]|5[1-9]|6[0-2])(0[1-9]|[12]\d|3[01])[1-9]\d$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}

/// <summary>A difference between the NAM and what the person declared: shown as a hint, never a refusal.</summary>
public enum NamHint
{
    NamesDiffer,
    BirthDateDiffers,
}
