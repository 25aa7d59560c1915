using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sesame.Core.Data;
using Sesame.Core.Services;
using Sesame.EndToEnd.Tests.Connect;
using Sesame.Registries.Simulator;
using Sesame.Testing;
using static Microsoft.Playwright.Assertions;

namespace Sesame.EndToEnd.Tests.Proofing;

/// <summary>
/// Issue 4, "must be shown": a service requiring an identified person sends the person to Sesame, who runs the
/// identification process of seed 001 (or seed 002's RAMQ route) in chromium and lands on the service's consent
/// page. Letters are read where a person would find them: the simulated registries' mail room.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ProofingJourneyTests(BrowserFixture browser)
{
    private static readonly Lazy<Population> People = new(() => Population.Generate(DateTime.UtcNow.Year));
    private static readonly HashSet<string> Taken = new(StringComparer.Ordinal);

    [Fact]
    public async Task A_notice_of_assessment_and_the_card_reference_number_lead_to_the_service_consent_page()
    {
        var person = Person(p => RecentNotice(p) is not null && p.Card.ReferenceNumber is not null && p.Card.Expiry > DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2));
        var (page, sample, citizen) = await StartAtIdentificationAsync();
        await using var _ = sample;
        await FillPersonalInformationAsync(page, person);

        await page.ExpectPageAsync("fr", "Compléter le processus d'identification");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"Bonjour {person.GivenNames},");
        await page.GetByLabel("Numéro de l'avis de cotisation.", new() { Exact = true }).CheckAsync();
        await page.Field("Numéro de l'avis de cotisation").FillAsync(RecentNotice(person)!);
        await page.GetByLabel(new Regex("communiqués à Revenu Québec")).CheckAsync();
        await page.GetByLabel("Numéro de référence de la carte d'assurance maladie.", new() { Exact = true }).CheckAsync();
        await page.Field("Numéro de référence de la carte").FillAsync(person.Card.ReferenceNumber!);
        await page.GetByLabel(new Regex("communiqués à la RAMQ afin que cette dernière")).CheckAsync();
        await page.Button("Suivant →").ClickAsync();

        await ContinueToConsentAsync(page);
        await ExpectTrailWithoutClearValuesAsync(citizen, person);
    }

    [Fact]
    public async Task A_notice_and_the_postal_secret_read_from_the_letter_lead_to_the_service_consent_page()
    {
        var person = Person(p => RecentNotice(p) is not null && p.Card.ReferenceNumber is null);
        var (page, sample, citizen) = await StartAtIdentificationAsync();
        await using var _ = sample;
        await FillPersonalInformationAsync(page, person);

        await page.ExpectPageAsync("fr", "Compléter le processus d'identification");
        await page.GetByLabel("Numéro de l'avis de cotisation.", new() { Exact = true }).CheckAsync();
        await page.Field("Numéro de l'avis de cotisation").FillAsync(RecentNotice(person)!);
        await page.GetByLabel(new Regex("communiqués à Revenu Québec")).CheckAsync();
        await page.GetByLabel("Je ne possède aucun de ces renseignements.", new() { Exact = true }).CheckAsync();
        await page.Button("Suivant →").ClickAsync();

        await page.ExpectPageAsync("fr", "Secret d'identification postal");
        await page.GetByLabel(new Regex("afin qu'elle m'envoie un secret d'identification")).CheckAsync();
        await page.Button("Demander un secret d'identification par la poste").ClickAsync();
        await page.ExpectPageAsync("fr", "Secret d'identification postal");
        await page.ExpectNoticeAsync("Votre demande a été transmise.");

        var letter = await ReadLetterAsync(page.Context, person);
        var secret = SecretPattern().Match(letter).Value;
        await page.Field("Secret d'identification postal").FillAsync(secret);
        await page.Button("Valider le secret").ClickAsync();

        await ContinueToConsentAsync(page);
        await ExpectTrailWithoutClearValuesAsync(citizen, person);
    }

    [Fact]
    public async Task Ramq_with_the_mailed_activation_key_leads_to_the_service_consent_page()
    {
        var person = Person(p => p.Card.Expiry > DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2));
        var (page, sample, citizen) = await StartAtIdentificationAsync(route: "Vérification par la RAMQ (carte d'assurance maladie et clé d'activation)");
        await using var _ = sample;
        await FillPersonalInformationAsync(page, person);

        await page.ExpectPageAsync("fr", "Vérification de votre identité par la Régie de l'assurance maladie du Québec");
        await page.Button("Demander une clé d'activation par la poste").ClickAsync();
        await page.ExpectNoticeAsync("Votre demande a été transmise à la RAMQ.");
        var letter = await ReadLetterAsync(page.Context, person);
        var key = KeyPattern().Match(letter).Groups[1].Value;

        await page.Field("Numéro séquentiel de votre carte d'assurance maladie").FillAsync(person.Card.SequentialNumber);
        await page.Field("Date d'expiration de la carte").FillAsync(person.Card.Expiry.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        await page.Field("Clé d'activation").FillAsync(key);
        await page.GetByLabel(new Regex("ainsi que ma clé d'activation soient communiqués")).CheckAsync();
        await page.Button("Vérifier").ClickAsync();

        await ContinueToConsentAsync(page);
        await ExpectTrailWithoutClearValuesAsync(citizen, person);
    }

    /// <summary>
    /// A new account, signed in; the sample service (requiring an identified person) sends the person to Sesame,
    /// which says identification is required; they start it, by seed 001's route or another one.
    /// </summary>
    private async Task<(IPage Page, SampleService Sample, Citizen Citizen)> StartAtIdentificationAsync(string route = "Commencer le processus d'identification →")
    {
        var sample = await SampleService.StartAsync(browser.Host, AssuranceLevel.IdentifiedPerson);
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var citizen = await AccountSteps.CreateConfirmedAccountAsync(page, browser.Mail);

        await page.GotoAsync(sample.RootUri.ToString());
        await page.Button("Se connecter avec Sesame").ClickAsync();
        await page.ExpectPageAsync("fr", "Identification requise");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(SampleService.NameFr);
        await page.Link("Commencer le processus d'identification").ClickAsync();

        await page.ExpectPageAsync("fr", "Renseignements personnels");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"Le service {SampleService.NameFr} exige que votre identité soit vérifiée.");
        await page.Button(route).ClickAsync();
        return (page, sample, citizen);
    }

    private static async Task FillPersonalInformationAsync(IPage page, SyntheticPerson person)
    {
        await page.ExpectPageAsync("fr", "Saisir vos renseignements personnels");
        await page.Field("Prénom").FillAsync(person.GivenNames);
        await page.Field("Nom").FillAsync(person.FamilyName);
        await page.Field("Date de naissance").FillAsync(person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Field("Numéro d'assurance maladie").FillAsync($"{person.Nam[..4]} {person.Nam[4..8]} {person.Nam[8..]}");
        await page.Field("Numéro d'assurance sociale").FillAsync($"{person.Nas[..3]} {person.Nas[3..6]} {person.Nas[6..]}");
        await page.GetByLabel(new Regex("^Je consens à ce que mes renseignements personnels soient utilisés")).CheckAsync();
        await page.Button("Suivant →").ClickAsync();
    }

    /// <summary>"Processus d'identification terminé", then on to the consent page of the service that asked.</summary>
    private static async Task ContinueToConsentAsync(IPage page)
    {
        await page.ExpectPageAsync("fr", "Processus d'identification terminé");
        await page.ExpectNoticeAsync("Votre identification a été réalisée avec succès.");
        await page.Link("Continuer vers le service →").ClickAsync();
        await page.ExpectPageAsync("fr", "Communication des renseignements personnels");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(SampleService.NameFr);
        await Expect(page.Button("Je consens")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Issue 7: the journey's audit records carry actor, action, nature of the information, time and network,
    /// and neither the records, nor any other table, nor the logs hold the person's NAM, NAS or birth date in clear.
    /// </summary>
    private async Task ExpectTrailWithoutClearValuesAsync(Citizen citizen, SyntheticPerson person)
    {
        await using var scope = browser.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
        var account = await db.Users.SingleAsync(u => u.UserName == citizen.Username);
        var records = await db.AuditRecords.AsNoTracking().Where(r => r.Subject == account.Id).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(["account.created", "identity.verified"], records.Select(r => r.Code).Where(c => c is "account.created" or "identity.verified"));
        Assert.All(records, r =>
        {
            Assert.Equal(account.Id.ToString(), r.Actor);
            Assert.False(string.IsNullOrEmpty(r.Nature));
            Assert.NotNull(r.Source);
            Assert.True(r.OccurredAt > DateTimeOffset.UtcNow.AddMinutes(-10));
        });

        string[] secrets = [person.Nam, person.Nas, person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"{person.Nam[..4]} {person.Nam[4..8]} {person.Nam[8..]}"];
        var dump = await DatabaseText.DumpAsync(db);
        var logs = string.Join('\n', browser.Host.Logs.Lines);
        Assert.All(secrets, secret =>
        {
            Assert.DoesNotContain(secret, dump, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        });
    }

    /// <summary>Opens the simulated registries' mail room in another tab and reads the person's latest letter.</summary>
    private static async Task<string> ReadLetterAsync(IBrowserContext context, SyntheticPerson person)
    {
        var mailRoom = await context.NewPageAsync();
        await mailRoom.GotoAsync(new Uri(RegistrySimulatorServer.Shared.BaseAddress, "courrier").ToString());
        var letter = mailRoom.Locator("article").Filter(new() { Has = mailRoom.GetByRole(AriaRole.Heading, new() { Name = $"{person.GivenNames} {person.FamilyName}", Exact = true }) }).First;
        var content = await letter.Locator(".contenu").TextContentAsync();
        await mailRoom.CloseAsync();
        return content!;
    }

    private static SyntheticPerson Person(Func<SyntheticPerson, bool> wanted)
    {
        lock (Taken)
        {
            var person = People.Value.People.Skip(DemoPeople.All(DateTime.UtcNow.Year).Count)
                .First(p => wanted(p) && p.BirthDate.AddYears(18) < DateOnly.FromDateTime(DateTime.UtcNow) && Taken.Add(p.Nam));
            return person;
        }
    }

    /// <summary>A notice of one of the two most recent tax years, as Sesame asks (seed 001).</summary>
    private static string? RecentNotice(SyntheticPerson person) =>
        person.Notices.LastOrDefault(n => n.TaxYear >= DateTime.UtcNow.Year - 2)?.Number;

    [GeneratedRegex("[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex SecretPattern();

    [GeneratedRegex(@"activation : (\d{4})")]
    private static partial Regex KeyPattern();
}
