using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Sesame.Registries.Simulator;
using Sesame.Server.Tests.Support;
using Sesame.Testing;

namespace Sesame.Server.Tests.Features.Proofing;

/// <summary>
/// People from the simulator's population, each handed out once per test run (one identity, one account:
/// a person identified by one test cannot be identified again by another), and the steps of the process.
/// </summary>
public static partial class ProofingJourney
{
    private static readonly Lazy<Population> People = new(() => Population.Generate(DateTime.UtcNow.Year));
    private static readonly HashSet<string> Taken = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>The tax years Sesame accepts on the in-memory host's clock (2026-11-23): the two most recent.</summary>
    public static readonly int[] RecentTaxYears = [2024, 2025];

    /// <summary>
    /// A generated person (not a demo person) matching <paramref name="wanted"/>, never handed out before. The
    /// simulator runs on the real clock (its population is of the current year, its cards expire for real) while
    /// Sesame's in-memory host runs on 2026-11-23: pickers therefore test card expiry against today and notices
    /// against Sesame's window, which the current year's population still covers.
    /// </summary>
    public static SyntheticPerson Person(Func<SyntheticPerson, bool> wanted)
    {
        lock (Gate)
        {
            var person = People.Value.People.Skip(DemoPeople.All(DateTime.UtcNow.Year).Count)
                .First(p => wanted(p) && p.BirthDate.AddYears(18) < new DateOnly(2026, 1, 1) && !Taken.Contains(p.Nam));
            Taken.Add(person.Nam);
            return person;
        }
    }

    public static bool HasRecentNotice(SyntheticPerson p) => p.Notices.Any(n => RecentTaxYears.Contains(n.TaxYear));

    public static string RecentNotice(SyntheticPerson p) => p.Notices.Last(n => RecentTaxYears.Contains(n.TaxYear)).Number;

    public static bool HasValidCardReference(SyntheticPerson p) => p.Card.ReferenceNumber is not null && p.Card.Expiry > DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2);

    /// <summary>A new, confirmed account, signed in (password and mailed code).</summary>
    public static async Task<SignedIn> SignedInAccountAsync(ServerFixture server)
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        return new SignedIn(await Journeys.SignInAsync(server, username, email, codesBefore: 1), username, email);
    }

    /// <summary>A browser signed in to an account, and who the account is.</summary>
    public sealed record SignedIn(Browser Browser, string Username, string Email) : IDisposable
    {
        public void Dispose() => Browser.Dispose();
    }

    public static Dictionary<string, string> PersonalInformation(SyntheticPerson person) => new()
    {
        ["Input.GivenName"] = person.GivenNames,
        ["Input.FamilyName"] = person.FamilyName,
        ["Input.BirthDate"] = person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Input.Nam"] = person.Nam[..4] + " " + person.Nam[4..8] + " " + person.Nam[8..],
        ["Input.Nas"] = person.Nas,
        ["Input.Consent"] = "true",
    };

    /// <summary>Starts the process on a route and gives the personal information; returns the page it leads to.</summary>
    public static async Task<Page> StartAsync(Browser browser, SyntheticPerson person, string route = "TwoProofs", string? returnUrl = null)
    {
        var start = returnUrl is null ? "/identification" : "/identification?retour=" + Uri.EscapeDataString(returnUrl);
        var started = await browser.PostAsync(start, new Dictionary<string, string> { ["route"] = route }, from: start);
        Assert.Equal(HttpStatusCode.Redirect, started.Status);
        Assert.Equal("/identification/renseignements", started.Target);
        var saved = await browser.PostAsync("/identification/renseignements", PersonalInformation(person), from: "/identification/renseignements");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        return saved;
    }

    public static Dictionary<string, string> NoticeAndCard(string notice, string card) => new()
    {
        ["Input.First"] = "NoticeOfAssessment",
        ["Input.NoticeNumber"] = notice,
        ["Input.NoticeConsent"] = "true",
        ["Input.Second"] = "HealthCardReference",
        ["Input.CardReference"] = card,
        ["Input.CardConsent"] = "true",
    };

    public static Task<Page> SubmitProofsAsync(Browser browser, Dictionary<string, string> proofs) =>
        browser.PostAsync("/identification/preuves", proofs, from: "/identification/preuves");

    /// <summary>The latest letter the simulated RAMQ mailed to this person, and what it carries.</summary>
    public static async Task<string> LetterContentAsync(SyntheticPerson person, string kind)
    {
        var letters = await RegistrySimulatorServer.Shared.LettersAsync();
        var letter = letters.First(l => l.GetProperty("recipient").GetString() == $"{person.GivenNames} {person.FamilyName}"
            && l.GetProperty("kind").GetString() == kind);
        return letter.GetProperty("content").GetString()!;
    }

    /// <summary>Asserts a redirect, and says what the page said when there was none.</summary>
    public static void RedirectsTo(string expected, Page page)
    {
        if (page.Target != expected)
        {
            var text = WhiteSpace().Replace(page.Text, " ");
            Assert.Fail($"Expected a redirect to {expected}, got {(int)page.Status} {page.Target}: {text[..Math.Min(text.Length, 1500)]}");
        }
    }

    public static string SecretIn(string letter) => SecretPattern().Match(letter).Value;

    public static string KeyIn(string letter) => KeyPattern().Match(letter).Groups[1].Value;

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex("[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex SecretPattern();

    [GeneratedRegex(@"activation : (\d{4})")]
    private static partial Regex KeyPattern();
}
