using System.Globalization;
using Bogus;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Registries.Simulator;

/// <summary>
/// The simulator's population: the demo people first, then people generated from a fixed seed, so every run (and
/// every test) sees the same people for a given year. Indexed by NAM, NAS and licence reference number, the keys the
/// contracts look people up by (docs/registries.md).
/// </summary>
public sealed class Population
{
    /// <summary>The contract's size (docs/registries.md, "The simulator": 10,000 synthetic people), demo people included.</summary>
    public const int DefaultSize = 10_000;

    /// <summary>The fixed seed (the day the simulator was specified): the same seed and year give the same people.</summary>
    public const int Seed = 20_261_123;

    private readonly Dictionary<string, SyntheticPerson> _byNam;
    private readonly Dictionary<string, SyntheticPerson> _byNas;
    private readonly Dictionary<string, SyntheticPerson> _byLicence;

    private Population(int year, List<SyntheticPerson> people)
    {
        Year = year;
        People = people;
        _byNam = new Dictionary<string, SyntheticPerson>(people.Count, StringComparer.Ordinal);
        _byNas = new Dictionary<string, SyntheticPerson>(people.Count, StringComparer.Ordinal);
        _byLicence = new Dictionary<string, SyntheticPerson>(people.Count, StringComparer.Ordinal);
        foreach (var person in people)
        {
            // Add, not the indexer: a duplicate identifier is a generator bug and must not go unnoticed.
            _byNam.Add(person.Nam, person);
            _byNas.Add(person.Nas, person);
            if (person.LicenceReference is not null)
            {
                _byLicence.Add(person.LicenceReference, person);
            }
        }
    }

    /// <summary>The year the population stands in: notices are for the tax years before it.</summary>
    public int Year { get; }

    public IReadOnlyList<SyntheticPerson> People { get; }

    public SyntheticPerson? ByNam(string nam) => _byNam.GetValueOrDefault(nam);

    public SyntheticPerson? ByNas(string nas) => _byNas.GetValueOrDefault(nas);

    public SyntheticPerson? ByLicence(string reference) => _byLicence.GetValueOrDefault(reference);

    /// <summary>
    /// Builds the population as it stands in <paramref name="currentYear"/> (the only date it depends on: no clock is
    /// read here). The same arguments always give the same people; <paramref name="size"/> counts the demo people.
    /// </summary>
    public static Population Generate(int currentYear, int size = DefaultSize)
    {
        // Cards with a reference number exist from 2018 on, and birth years (95 years back at most) must stay in the
        // 1900s or 2000s, the only centuries a NAM's check digit knows (identifiers.md).
        ArgumentOutOfRangeException.ThrowIfLessThan(currentYear, 2019);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(currentYear, 2099);
        var demo = DemoPeople.All(currentYear);
        var generator = new Generator(currentYear, Math.Max(size, demo.Count));
        return new Population(currentYear, generator.Run(demo));
    }

    /// <summary>One generation run: the seeded random source and the identifiers already handed out.</summary>
    private sealed class Generator(int year, int size)
    {
        /// <summary>Licence and notice characters: upper-case letters and digits without I and O, which read as 1 and 0.</summary>
        private const string Alphanumeric = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

        // Bogus with the fr_CA locale, seeded (issue 4: a fixed seed); given names come from its "fr" set, which has
        // French names by sex, sharing the same random source so that one seed drives everything.
        private readonly Faker _faker = new("fr_CA") { Random = new Randomizer(Seed) };
        private readonly Bogus.DataSets.Name _frenchNames = new("fr");
        private readonly HashSet<string> _nams = new(StringComparer.Ordinal);
        private readonly HashSet<string> _nass = new(StringComparer.Ordinal);
        private readonly HashSet<string> _licences = new(StringComparer.Ordinal);
        private readonly HashSet<string> _notices = new(StringComparer.Ordinal);
        private readonly DateOnly _newYear = new(year, 1, 1);

        private Randomizer Random => _faker.Random;

        public List<SyntheticPerson> Run(IReadOnlyList<SyntheticPerson> demo)
        {
            _frenchNames.Random = _faker.Random;
            var people = new List<SyntheticPerson>(size);
            foreach (var person in demo)
            {
                people.Add(person);
                _nams.Add(person.Nam);
                _nass.Add(person.Nas);
                _notices.UnionWith(person.Notices.Select(n => n.Number));
                if (person.LicenceReference is not null)
                {
                    _licences.Add(person.LicenceReference);
                }
            }

            while (people.Count < size)
            {
                var female = Random.Bool();
                var family = FamilyName();
                var birth = DateOnly.FromDateTime(_faker.Date.Between(new DateTime(year - 95, 1, 1), new DateTime(year - 14, 1, 1)));
                var first = Person(family, GivenName(female), birth, female);
                if (first is not null)
                {
                    people.Add(first);
                }

                // About one birth in sixty is twins: same family name and birth date. Half of them are of the same sex
                // with given names of the same initial, so their NAMs differ only by the sequence digit (identifiers.md).
                if (Random.Int(0, 59) == 0 && people.Count < size)
                {
                    var sameInitial = Random.Bool();
                    var twinFemale = sameInitial ? female : Random.Bool();
                    var given = sameInitial ? GivenNameStartingLike(first?.GivenNames, twinFemale) : GivenName(twinFemale);
                    if (Person(family, given, birth, twinFemale) is { } twin)
                    {
                        people.Add(twin);
                    }
                }
            }

            return people;
        }

        /// <summary>A person with fresh identifiers, or null when all nine sequence digits of the NAM are taken.</summary>
        private SyntheticPerson? Person(string family, string given, DateOnly birth, bool female)
        {
            // The sequence digit tells apart people whose NAM would otherwise be the same (identifiers.md).
            string? nam = null;
            for (var sequence = 1; sequence <= 9 && nam is null; sequence++)
            {
                var candidate = HealthInsuranceNumber.Compose(family, given, birth, female, sequence);
                if (_nams.Add(candidate))
                {
                    nam = candidate;
                }
            }

            if (nam is null)
            {
                return null;
            }

            string nas;
            do
            {
                // 0-prefixed and Luhn-valid: a NAS that belongs to nobody (identifiers.md).
                var eight = "0" + Random.Replace("#######");
                nas = eight + SocialInsuranceNumber.CheckDigit(eight);
            }
            while (!_nass.Add(nas));

            // About three adults in four drive; nobody under 16 does.
            string? licence = null;
            if (birth.AddYears(16) <= _newYear && Random.Int(0, 99) < 75)
            {
                do
                {
                    licence = Random.String2(10, Alphanumeric);
                }
                while (!_licences.Add(licence));
            }

            return new SyntheticPerson(given, family, birth, female, nam, nas, Notices(), Card(birth), licence, Address());
        }

        private string FamilyName() => Random.Int(0, 99) switch
        {
            < 4 => Random.ArrayElement(QuebecNames.ApostropheFamilyNames),
            < 10 => $"{Random.ArrayElement(QuebecNames.FamilyNames)}-{Random.ArrayElement(QuebecNames.FamilyNames)}",
            < 30 => _frenchNames.LastName(),
            _ => Random.ArrayElement(QuebecNames.FamilyNames),
        };

        /// <summary>One given name, a hyphenated one (Jean-Paul, a single name) or two given names (the first counts alone).</summary>
        private string GivenName(bool female) => Random.Int(0, 99) switch
        {
            < 8 => AccentedGivenName(female),
            < 16 => $"{FirstName(female)}-{FirstName(female)}",
            < 26 => $"{FirstName(female)} {FirstName(female)}",
            _ => FirstName(female),
        };

        /// <summary>A twin's given name: another name with the same first letter as the other twin's (a few tries, then any other name).</summary>
        private string GivenNameStartingLike(string? other, bool female)
        {
            var initial = IdentifierText.LettersOf(other).FirstOrDefault();
            var given = GivenName(female);
            for (var attempt = 0; attempt < 60 && (IdentifierText.LettersOf(given).FirstOrDefault() != initial || given == other); attempt++)
            {
                given = GivenName(female);
            }

            while (given == other)
            {
                given = GivenName(female);
            }

            return given;
        }

        private string AccentedGivenName(bool female)
        {
            string name;
            bool isFemale;
            do
            {
                (name, isFemale) = Random.ArrayElement(QuebecNames.AccentedGivenNames);
            }
            while (isFemale != female);

            return name;
        }

        private string FirstName(bool female) =>
            _frenchNames.FirstName(female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male);

        /// <summary>
        /// None for about one person in ten; otherwise one to six notices among the last six tax years, so that some
        /// people only pass the five-year window (seed 002) and some neither window (seed 001's two years). Newest first.
        /// </summary>
        private Notice[] Notices()
        {
            if (Random.Int(0, 9) == 0)
            {
                return [];
            }

            var count = Random.Int(1, 6);
            var years = Random.Shuffle(Enumerable.Range(year - 6, 6)).Take(count).OrderDescending().ToArray();
            var notices = new Notice[years.Length];
            for (var i = 0; i < years.Length; i++)
            {
                string number;
                do
                {
                    number = Random.String2(1, "QM") + Random.String2(10, Alphanumeric);
                }
                while (!_notices.Add(number));

                notices[i] = new Notice(number, years[i]);
            }

            return notices;
        }

        /// <summary>
        /// The current card, valid throughout the population's year. About one card in eight is an old one issued from
        /// 2014 to 2017, without a reference number (seed 001), still valid so that the postal-secret path always has
        /// people; the others were issued in the last seven years (never before 2018), valid eight years.
        /// </summary>
        private HealthCard Card(DateOnly birth)
        {
            var sequential = Random.Int(1, 9).ToString("00", CultureInfo.InvariantCulture);
            var lastDayWithout = HealthCard.FirstDayWithReferenceNumber.AddDays(-1);
            var oldFrom = Max(new DateOnly(2014, 1, 1), birth.AddDays(1));
            if (Random.Int(0, 7) == 0 && oldFrom <= lastDayWithout)
            {
                var expiryYear = year + Random.Int(1, 3);
                return new HealthCard(sequential, Day(oldFrom, lastDayWithout), EndOfMonth(expiryYear, Random.Int(1, 12)), null);
            }

            var earliest = Max(Max(HealthCard.FirstDayWithReferenceNumber, new DateOnly(year - 7, 1, 1)), birth.AddDays(1));
            var issued = Day(earliest, new DateOnly(year - 1, 12, 31));
            var expiry = issued.AddYears(8);
            return new HealthCard(sequential, issued, EndOfMonth(expiry.Year, expiry.Month), Random.Replace("#########"));
        }

        /// <summary>A synthetic Québec address (number, street, municipality, a postal code of the municipality's area).</summary>
        private string Address()
        {
            var (city, fsa) = Random.ArrayElement(QuebecNames.Places);
            var street = Random.Int(0, 2) == 0
                ? $"{Random.ArrayElement(QuebecNames.StreetKinds)} {Random.ArrayElement(QuebecNames.StreetNames)}"
                : $"{Random.ArrayElement(QuebecNames.StreetKinds)} {_frenchNames.LastName()}";
            var letters = QuebecNames.PostalCodeLetters;
            var postalCode = string.Create(CultureInfo.InvariantCulture,
                $"{fsa}{Random.String2(1, letters)} {Random.Number(9)}{Random.String2(1, letters)}{Random.Number(9)}");
            return string.Create(CultureInfo.InvariantCulture, $"{Random.Int(1, 9999)}, {street}, {city} (Québec)  {postalCode}");
        }

        private DateOnly Day(DateOnly from, DateOnly to) =>
            from >= to ? from : from.AddDays(Random.Int(0, to.DayNumber - from.DayNumber));

        private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

        private static DateOnly EndOfMonth(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));
    }
}
