using Bogus;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Registries.Simulator;

/// <summary>A notice of assessment Revenu Québec issued for a tax year.</summary>
public sealed record Notice(string Number, int TaxYear);

/// <summary>The person's current health insurance card. Only cards issued since January 2018 carry a reference number (seed 001).</summary>
public sealed record HealthCard(string SequentialNumber, DateOnly IssuedOn, DateOnly Expiry, string? ReferenceNumber);

/// <summary>
/// One synthetic person as the three registries know them. Nobody real: names from Bogus, 0-prefixed NAS that
/// belong to nobody, identifiers computed per identifiers.md.
/// </summary>
public sealed record SyntheticPerson(
    string GivenNames,
    string FamilyName,
    DateOnly BirthDate,
    bool Female,
    string Nam,
    string Nas,
    IReadOnlyList<Notice> Notices,
    HealthCard Card,
    string? LicenceReference,
    string Address);

/// <summary>
/// The simulator's population: the demo people first, then people generated from a fixed seed, so every run
/// (and every test) sees the same people. Indexed by NAM, NAS and licence reference number.
/// </summary>
public sealed class Population
{
    public const int DefaultSize = 10_000;
    public const int Seed = 20_261_123;

    private const string ReferenceCharacters = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    private static readonly string[] ApostropheNames = ["D'Amour", "O'Neil", "L'Heureux", "D'Aoust", "L'Écuyer", "D'Astous"];
    private static readonly string[] AccentedGivenNames = ["Élise", "Hélène", "Zoé", "Mégane", "Frédéric", "Jérôme", "Noémie", "Éloïse", "Anaïs", "Benoît"];

    private readonly Dictionary<string, SyntheticPerson> _byNam;
    private readonly Dictionary<string, SyntheticPerson> _byNas;
    private readonly Dictionary<string, SyntheticPerson> _byLicence;

    private Population(List<SyntheticPerson> people)
    {
        People = people;
        _byNam = people.ToDictionary(p => p.Nam, StringComparer.Ordinal);
        _byNas = people.ToDictionary(p => p.Nas, StringComparer.Ordinal);
        _byLicence = people.Where(p => p.LicenceReference is not null).ToDictionary(p => p.LicenceReference!, StringComparer.Ordinal);
    }

    public IReadOnlyList<SyntheticPerson> People { get; }

    public SyntheticPerson? ByNam(string nam) => _byNam.GetValueOrDefault(nam);

    public SyntheticPerson? ByNas(string nas) => _byNas.GetValueOrDefault(nas);

    public SyntheticPerson? ByLicence(string reference) => _byLicence.GetValueOrDefault(reference);

    /// <summary>
    /// Builds the population as it stands in <paramref name="currentYear"/> (notices are for past tax years).
    /// The same arguments always give the same people.
    /// </summary>
    public static Population Generate(int currentYear, int size = DefaultSize)
    {
        var faker = new Faker("fr_CA") { Random = new Randomizer(Seed) };
        var people = new List<SyntheticPerson>(size);
        people.AddRange(DemoPeople.All(currentYear));
        var nams = people.Select(p => p.Nam).ToHashSet(StringComparer.Ordinal);
        var nass = people.Select(p => p.Nas).ToHashSet(StringComparer.Ordinal);
        var licences = people.Select(p => p.LicenceReference).OfType<string>().ToHashSet(StringComparer.Ordinal);

        while (people.Count < size)
        {
            var female = faker.Random.Bool();
            var family = faker.Random.Int(0, 99) switch
            {
                < 4 => faker.PickRandom(ApostropheNames),
                < 10 => $"{faker.Name.LastName()}-{faker.Name.LastName()}",
                _ => faker.Name.LastName(),
            };
            var birth = DateOnly.FromDateTime(faker.Date.Between(new DateTime(currentYear - 95, 1, 1), new DateTime(currentYear - 14, 1, 1)));
            // About one person in a hundred has a twin: same family name and birth date, told apart by the
            // NAM's sequence digit (identifiers.md).
            var siblings = faker.Random.Int(0, 99) == 0 ? 2 : 1;
            for (var i = 0; i < siblings && people.Count < size; i++)
            {
                var twinFemale = i == 0 ? female : faker.Random.Bool();
                var given = GivenName(faker, twinFemale);
                var sequence = 1;
                string nam;
                do
                {
                    nam = HealthInsuranceNumber.Compose(family, given, birth, twinFemale, sequence++);
                }
                while (!nams.Add(nam) && sequence <= 9);

                if (sequence > 10)
                {
                    continue;
                }

                string nas;
                do
                {
                    var eight = "0" + faker.Random.Replace("#######");
                    nas = eight + SocialInsuranceNumber.CheckDigit(eight);
                }
                while (!nass.Add(nas));

                string? licence = null;
                if (birth.AddYears(16) <= new DateOnly(currentYear, 1, 1) && faker.Random.Int(0, 99) < 75)
                {
                    do
                    {
                        licence = faker.Random.String2(10, ReferenceCharacters);
                    }
                    while (!licences.Add(licence));
                }

                people.Add(new SyntheticPerson(given, family, birth, twinFemale, nam, nas, Notices(faker, currentYear),
                    Card(faker, currentYear), licence, Address(faker)));
            }
        }

        return new Population(people);
    }

    private static string GivenName(Faker faker, bool female) => faker.Random.Int(0, 99) switch
    {
        < 6 => faker.PickRandom(AccentedGivenNames),
        < 12 => $"{FirstName(faker, female)}-{FirstName(faker, female)}",
        < 18 => $"{FirstName(faker, female)} {FirstName(faker, female)}",
        _ => FirstName(faker, female),
    };

    private static string FirstName(Faker faker, bool female) =>
        faker.Name.FirstName(female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male);

    /// <summary>None for about one person in twelve; otherwise one to five notices among the last six tax years.</summary>
    private static List<Notice> Notices(Faker faker, int currentYear)
    {
        if (faker.Random.Int(0, 11) == 0)
        {
            return [];
        }

        var years = Enumerable.Range(currentYear - 6, 6).OrderBy(_ => faker.Random.Int()).Take(faker.Random.Int(1, 5)).Order();
        return [.. years.Select(y => new Notice(faker.PickRandom('Q', 'M') + faker.Random.String2(10, ReferenceCharacters), y))];
    }

    /// <summary>Cards here last ten years, so that some issued before 2018 (no reference number, seed 001) are still valid.</summary>
    private static HealthCard Card(Faker faker, int currentYear)
    {
        var issued = DateOnly.FromDateTime(faker.Date.Between(new DateTime(currentYear - 10, 1, 1), new DateTime(currentYear - 1, 12, 1)));
        var expiryMonth = issued.AddYears(10);
        var expiry = new DateOnly(expiryMonth.Year, expiryMonth.Month, DateTime.DaysInMonth(expiryMonth.Year, expiryMonth.Month));
        var reference = issued >= new DateOnly(2018, 1, 1) ? faker.Random.Replace("#########") : null;
        return new HealthCard(faker.Random.Int(1, 12).ToString("00", System.Globalization.CultureInfo.InvariantCulture), issued, expiry, reference);
    }

    private static string Address(Faker faker) =>
        $"{faker.Address.StreetAddress()}, {faker.Address.City()} (Québec)  {faker.Random.Replace("H#? #?#").ToUpperInvariant()}";
}
