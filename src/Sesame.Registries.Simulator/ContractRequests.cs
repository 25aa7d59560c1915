using System.Globalization;
using System.Text.RegularExpressions;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Registries.Simulator;

/// <summary>A request body of docs/registries.md, which says what in it breaks the contract.</summary>
internal interface IContractRequest
{
    /// <summary>Why the request breaks the contract (a <c>400</c>), or null when it keeps to it.</summary>
    string? Problem();
}

/// <summary><c>POST /revenu-quebec/v1/notice-verifications</c>.</summary>
internal sealed record NoticeRequest(
    string? Sin, string? GivenName, string? FamilyName, string? BirthDate, string? NoticeNumber, int? TaxYearFrom, int? TaxYearTo)
    : IContractRequest
{
    public string? Problem() =>
        Contract.Missing(("sin", Sin), ("givenName", GivenName), ("familyName", FamilyName), ("birthDate", BirthDate),
            ("noticeNumber", NoticeNumber), ("taxYearFrom", TaxYearFrom), ("taxYearTo", TaxYearTo))
        ?? Contract.Sin(Sin!)
        ?? Contract.Names(GivenName!, FamilyName!)
        ?? Contract.Date(BirthDate!)
        ?? Contract.Identifier("noticeNumber", NoticeNumber!, NoticeOfAssessmentNumber.IsValid, "a notice of assessment number (Q or M and 10 letters or digits)")
        ?? Contract.TaxYears(TaxYearFrom!.Value, TaxYearTo!.Value);
}

/// <summary><c>POST /ramq/v1/card-verifications</c>.</summary>
internal sealed record CardRequest(string? Nam, string? GivenName, string? FamilyName, string? BirthDate, string? ReferenceNumber)
    : IContractRequest
{
    public string? Problem() =>
        Contract.Missing(("nam", Nam), ("givenName", GivenName), ("familyName", FamilyName), ("birthDate", BirthDate), ("referenceNumber", ReferenceNumber))
        ?? Contract.Nam(Nam!)
        ?? Contract.Names(GivenName!, FamilyName!)
        ?? Contract.Date(BirthDate!)
        ?? Contract.Identifier("referenceNumber", ReferenceNumber!, HealthCardNumbers.IsValidReferenceNumber, "9 digits");
}

/// <summary><c>POST /ramq/v1/activation-key-verifications</c>.</summary>
internal sealed record ActivationKeyRequest(string? Nam, string? SequentialNumber, string? Expiry, string? ActivationKey) : IContractRequest
{
    public string? Problem() =>
        Contract.Missing(("nam", Nam), ("sequentialNumber", SequentialNumber), ("expiry", Expiry), ("activationKey", ActivationKey))
        ?? Contract.Nam(Nam!)
        ?? Contract.Identifier("sequentialNumber", SequentialNumber!, HealthCardNumbers.IsValidSequentialNumber, "2 digits")
        ?? (Contract.Expiry(Expiry!) is null ? "expiry must be yyyy-MM." : null)
        ?? Contract.Identifier("activationKey", ActivationKey!, HealthCardNumbers.IsValidActivationKey, "4 digits");
}

/// <summary><c>POST /ramq/v1/letters</c>.</summary>
internal sealed record MailLetterRequest(string? Kind, string? Nam, string? GivenName, string? FamilyName, string? BirthDate, string? Secret)
    : IContractRequest
{
    public const string PostalSecret = "postal-secret";
    public const string ActivationKey = "activation-key";

    public string? Problem() =>
        Contract.Missing(("kind", Kind), ("nam", Nam), ("givenName", GivenName), ("familyName", FamilyName), ("birthDate", BirthDate))
        ?? (Kind is not (PostalSecret or ActivationKey) ? "kind must be postal-secret or activation-key." : null)
        ?? Contract.Nam(Nam!)
        ?? Contract.Names(GivenName!, FamilyName!)
        ?? Contract.Date(BirthDate!)
        ?? SecretProblem();

    /// <summary>
    /// A postal-secret letter carries Sesame's secret (identifiers.md: 10 Crockford base32 characters, shown
    /// <c>XXXXX-XXXXX</c>); an activation-key letter carries none, since RAMQ makes the key and Sesame never learns it.
    /// </summary>
    private string? SecretProblem() => Kind switch
    {
        PostalSecret when string.IsNullOrWhiteSpace(Secret) => "secret is required for a postal-secret letter.",
        PostalSecret when !Sesame.Core.Identity.Identifiers.PostalSecret.IsValid(Secret, out _) =>
            "secret must be a postal identification secret (10 characters of Crockford base32, XXXXX-XXXXX).",
        ActivationKey when Secret is not null => "secret must be absent from an activation-key letter: RAMQ makes the key.",
        _ => null,
    };
}

/// <summary><c>POST /saaq/v1/licence-verifications</c>.</summary>
internal sealed record LicenceRequest(string? ReferenceNumber, string? GivenName, string? FamilyName, string? BirthDate) : IContractRequest
{
    public string? Problem() =>
        Contract.Missing(("referenceNumber", ReferenceNumber), ("givenName", GivenName), ("familyName", FamilyName), ("birthDate", BirthDate))
        ?? Contract.Identifier("referenceNumber", ReferenceNumber!, LicenceReferenceNumber.IsValid, "8 to 12 upper-case letters or digits")
        ?? Contract.Names(GivenName!, FamilyName!)
        ?? Contract.Date(BirthDate!);
}

/// <summary><c>POST /pannes</c>: the simulator's fault switch, not a registry contract.</summary>
internal sealed record FaultRequest(string? Registry, string? Mode);

/// <summary>
/// The contract's rules on fields (docs/registries.md, "Transport"): dates <c>AAAA-MM-JJ</c>; identifiers already
/// normalized (upper case, no spaces or hyphens) and of the shape identifiers.md gives. Sesame checks all of this
/// before sending, so a request that fails here is a bug in Sesame, never the person's mistake.
/// </summary>
internal static partial class Contract
{
    /// <summary>Longer than any name on a card; a bound so that a name is a name.</summary>
    public const int MaxNameLength = 100;

    public static string? Missing(params (string Name, object? Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            if (value is null || (value is string text && string.IsNullOrWhiteSpace(text)))
            {
                return $"{name} is required.";
            }
        }

        return null;
    }

    /// <summary>
    /// The NAM's shape and birth date (identifiers.md). A wrong check digit is not refused: the algorithm rests on a
    /// single public source, so Sesame may send such a NAM after the person confirms it, and RAMQ answers no match.
    /// </summary>
    public static string? Nam(string nam) =>
        HealthInsuranceNumber.Check(nam, out var normalized) != NamVerdict.Malformed && normalized == nam
            ? null
            : "nam must be a health insurance number, 12 characters, normalized (e.g. TREM85531419).";

    /// <summary>9 digits, normalized. The first digit and the Luhn check are Revenu Québec's business: an unknown NAS is no match.</summary>
    public static string? Sin(string sin) =>
        sin.Length == SocialInsuranceNumber.Length && IdentifierText.AllDigits(sin) ? null : "sin must be 9 digits.";

    public static string? Identifier(string field, string value, IdentifierCheck check, string shape) =>
        check(value, out var normalized) && normalized == value ? null : $"{field} must be {shape}, normalized.";

    public static string? Names(string givenName, string familyName) => Name("givenName", givenName) ?? Name("familyName", familyName);

    public static string? Date(string birthDate) =>
        DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : "birthDate must be a date, yyyy-MM-dd.";

    /// <summary>The card's expiry as printed, <c>AAAA-MM</c>, as the last day it is valid; null when it is not that.</summary>
    public static DateOnly? Expiry(string expiry) =>
        ExpiryShape().IsMatch(expiry) && HealthCardNumbers.TryParseExpiry(expiry, out var lastDay) ? lastDay : null;

    public static string? TaxYears(int from, int to) =>
        from < 1900 || to > 2100
            ? "taxYearFrom and taxYearTo must be years."
            : from > to
                ? "taxYearFrom must be no later than taxYearTo."
                : null;

    private static string? Name(string field, string value) =>
        value.Length <= MaxNameLength && IdentifierText.LettersOf(value).Length > 0
            ? null
            : $"{field} must be a name: at least one letter, at most {MaxNameLength} characters.";

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$", RegexOptions.CultureInvariant)]
    private static partial Regex ExpiryShape();
}

/// <summary>The shape of Sesame.Core's identifier checks: <c>IsValid(input, out normalized)</c>.</summary>
internal delegate bool IdentifierCheck(string? input, out string normalized);
