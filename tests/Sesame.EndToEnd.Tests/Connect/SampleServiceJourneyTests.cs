using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Core.Services;
using static Microsoft.Playwright.Assertions;

namespace Sesame.EndToEnd.Tests.Connect;

/// <summary>
/// Issue 3, "must be shown": a government service (samples/CarnetSante, on ASP.NET Core's OpenID Connect
/// handler) sends the person to Sesame; they sign in, consent or refuse, and come back to the service.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SampleServiceJourneyTests(BrowserFixture browser)
{
    private const string HomeHeading = "Carnet santé Québec";

    [Fact]
    public async Task A_person_signs_in_to_the_sample_service_through_Sesame_consents_sees_their_code_and_level_signs_out_of_both_and_is_not_asked_again()
    {
        await using var sample = await SampleService.StartAsync(browser.Host);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var citizen = await AccountWithoutSessionAsync(page);

        // The service's home page sends the person to Sesame, where they sign in with the mailed code.
        await OpenSampleAsync(page, sample);
        await SignInThroughSesameAsync(page, citizen);

        // Seed 001's consent page names the service and exactly what it will receive.
        await page.ExpectPageAsync("fr", "Communication des renseignements personnels");
        var main = page.GetByRole(AriaRole.Main);
        await Expect(main).ToContainTextAsync(SampleService.NameFr);
        await Expect(main).ToContainTextAsync("votre code d'identification");
        await Expect(main).ToContainTextAsync("votre adresse courriel");
        await page.Button("Je consens").ClickAsync();

        // Back on the service, signed in: the code of the "ramq" sector and the level Sesame reached.
        await page.ExpectPageAsync("fr", "Mon carnet");
        Assert.StartsWith(new Uri(sample.RootUri, "/mon-carnet").ToString(), page.Url, StringComparison.Ordinal);
        var code = page.Locator("#code-identification");
        await Expect(code).ToHaveTextAsync(IdentificationCode());
        var identificationCode = await code.TextContentAsync();
        await Expect(page.Locator("#niveau-assurance")).ToHaveTextAsync(AssuranceLevels.AccountAcr);
        await Expect(main).ToContainTextAsync(citizen.Email);

        // Signing out of the service signs out of Sesame too, and ends on the service's home page.
        await page.Button("Se déconnecter").ClickAsync();
        await page.ExpectPageAsync("fr", HomeHeading);
        Assert.StartsWith(sample.RootUri.ToString(), page.Url, StringComparison.Ordinal);
        await page.ExpectNoticeAsync("Vous êtes maintenant déconnecté du Carnet santé et de Sesame.");
        await Expect(page.Button("Se connecter avec Sesame")).ToBeVisibleAsync();
        await page.GotoAsync("/compte");
        await page.ExpectPageAsync("fr", "Se connecter");

        // The next visit: signing in again, the recorded consent is not asked again, and the code is the same.
        await OpenSampleAsync(page, sample);
        await SignInThroughSesameAsync(page, citizen, codeNumber: 3);
        await page.ExpectPageAsync("fr", "Mon carnet");
        await Expect(code).ToHaveTextAsync(identificationCode!);

        // Issue 7: the journey left its records — the consent once, the service's reads of the person's information.
        var records = await RecordsOfAsync(citizen);
        var consent = Assert.Single(records, r => r.Code == "consent.granted");
        Assert.Equal((sample.ClientId, "communication de renseignements personnels"), (consent.Service, consent.Nature));
        Assert.Contains(records, r => r.Code == "personal-information.read" && r.Actor == "service:" + sample.ClientId);
        Assert.All(records, r => Assert.DoesNotContain(citizen.Email, $"{r.Actor}{r.Detail}", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_person_who_refuses_consent_lands_on_the_sample_service_home_page_not_signed_in()
    {
        await using var sample = await SampleService.StartAsync(browser.Host);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var citizen = await AccountWithoutSessionAsync(page);

        await OpenSampleAsync(page, sample);
        await SignInThroughSesameAsync(page, citizen);
        await page.ExpectPageAsync("fr", "Communication des renseignements personnels");
        await page.Button("Je refuse").ClickAsync();

        // Sesame answered access_denied; the service says why and offers to sign in again.
        await page.ExpectPageAsync("fr", HomeHeading);
        Assert.StartsWith(sample.RootUri.ToString(), page.Url, StringComparison.Ordinal);
        await page.ExpectNoticeAsync(
            "Vous avez refusé de communiquer vos renseignements : l'accès au Carnet santé n'est pas possible sans votre consentement.");
        await Expect(page.Button("Se connecter avec Sesame")).ToBeVisibleAsync();

        // Not signed in to the service: its carnet sends the person to Sesame, which asks again (nothing was recorded).
        await page.GotoAsync(new Uri(sample.RootUri, "/mon-carnet").ToString());
        await page.ExpectPageAsync("fr", "Communication des renseignements personnels");

        // Issue 7: the refusal is in the trail, with who, which service, when and from which network.
        var refusal = Assert.Single(await RecordsOfAsync(citizen), r => r.Code == "consent.refused");
        Assert.Equal(sample.ClientId, refusal.Service);
        Assert.Equal(refusal.Subject.ToString(), refusal.Actor);
        Assert.NotNull(refusal.Source);
    }

    private async Task<List<AuditRecord>> RecordsOfAsync(Citizen citizen)
    {
        await using var scope = browser.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
        return await db.AuditRecords.AsNoTracking()
            .Where(r => db.Users.Any(u => u.UserName == citizen.Username && u.Id == r.Subject))
            .OrderBy(r => r.Id)
            .ToListAsync();
    }

    /// <summary>A confirmed account created through the pages, then signed out: the person has no Sesame session.</summary>
    private async Task<Citizen> AccountWithoutSessionAsync(IPage page)
    {
        var citizen = await AccountSteps.CreateConfirmedAccountAsync(page, browser.Mail);
        await AccountSteps.SignOutAsync(page);
        return citizen;
    }

    private static async Task OpenSampleAsync(IPage page, SampleService sample)
    {
        await page.GotoAsync(sample.RootUri.ToString());
        await page.ExpectPageAsync("fr", HomeHeading);
        await page.Button("Se connecter avec Sesame").ClickAsync();
    }

    /// <summary>
    /// On Sesame's sign-in page: the password, then the mailed code (the first mail confirmed the address, so
    /// the first sign-in's code is the second mail).
    /// </summary>
    private async Task SignInThroughSesameAsync(IPage page, Citizen citizen, int codeNumber = 2)
    {
        await page.ExpectPageAsync("fr", "Se connecter");
        await AccountSteps.SubmitSignInAsync(page, citizen.Username, citizen.Password);
        await page.ExpectPageAsync("fr", "Code de sécurité");
        await AccountSteps.EnterCodeAsync(page, await browser.Mail.CodeAsync(citizen.Email, codeNumber));
    }

    /// <summary>26 lowercase base32 characters (docs/decisions/0008-identification-codes.md).</summary>
    [GeneratedRegex("^[a-z2-7]{26}$")]
    private static partial Regex IdentificationCode();
}
