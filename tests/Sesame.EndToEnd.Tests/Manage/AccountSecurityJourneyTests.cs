using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Sesame.Testing;

namespace Sesame.EndToEnd.Tests.Manage;

/// <summary>
/// Issue 5's browser journeys: a passkey alone, an authenticator app, a recovery code, the idle session's
/// warning and end, and "Se déconnecter partout" from another browser. Each ends with what the person sees.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountSecurityJourneyTests(BrowserFixture browser)
{
    private const string AppCodeLabel = "Code de l'application";
    private const string RecoveryCodeLabel = "Code de récupération";

    [Fact]
    public async Task A_person_registers_a_passkey_then_signs_in_with_it_alone_without_typing_a_password()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await using var authenticator = await VirtualAuthenticator.AddAsync(context, page);
        var citizen = await AccountSteps.CreateConfirmedAccountAsync(page, browser.Mail);

        // "Méthodes de connexion": the passkey is named, then made by the device (the virtual authenticator).
        await SecuritySteps.OpenFactorsAsync(page);
        await page.Field("Nom de la clé d'accès").FillAsync("Ordinateur du bureau");
        await page.Button("Ajouter une clé d'accès").ClickAsync();
        // The same page comes back once the script has posted the device's answer: wait for its notice first.
        await page.ExpectNoticeAsync("La clé d'accès a été ajoutée.");
        await page.ExpectPageAsync("fr", "Méthodes de connexion");
        await Expect(page.Button("Retirer « Ordinateur du bureau »")).ToBeVisibleAsync();
        // The first strong factor comes with the ten recovery codes, shown this once.
        await SecuritySteps.NewRecoveryCodesAsync(page);

        await AccountSteps.SignOutAsync(page);

        // The sign-in page's "Ou, sans mot de passe": no identifier, no password, no mailed code.
        await Expect(page.Field("Mot de passe")).ToBeEmptyAsync();
        await page.Button("Se connecter avec une clé d'accès").ClickAsync();
        await page.ExpectPageAsync("fr", "Gérer votre compte");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(citizen.Username);

        // The devices list says how this browser signed in.
        await page.GotoAsync("/compte/sessions");
        await page.ExpectPageAsync("fr", "Appareils connectés");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ce navigateur" })).ToContainTextAsync("Clé d'accès");

        // Issue 7: what the journey left in the audit trail.
        await AuditTrailExpectations.ExpectTrailAsync(browser.Host, citizen.Username, ["factor.added", "session.signed-in"], citizen.Email);
    }

    [Fact]
    public async Task A_person_sets_up_an_authenticator_app_then_signs_in_with_its_code()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var citizen = await AccountSteps.CreateConfirmedAccountAsync(page, browser.Mail);

        await SecuritySteps.OpenFactorsAsync(page);
        var app = await SecuritySteps.SetUpAuthenticatorAsync(page);
        await AccountSteps.SignOutAsync(page);

        // The password, then the app's code instead of a mailed one.
        await AccountSteps.SubmitSignInAsync(page, citizen.Username, citizen.Password);
        await SecuritySteps.ExpectAuthenticatorStepAsync(page);

        // The code typed at activation was spent there (RFC 6238 §5.2): typed again, it is refused.
        await SecuritySteps.EnterSecondFactorAsync(page, AppCodeLabel, app.ActivationCode);
        await SecuritySteps.ExpectAuthenticatorStepAsync(page);
        await page.ExpectAlertAsync("Ce code n'est pas valide.");

        // The code the app shows now; within the activation's 30 seconds, the one it shows next (Sesame
        // accepts the neighbouring steps, for a phone whose clock is a little off).
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        var code = Totp.Code(app.Key, step == app.ActivationStep ? step + 1 : step);
        await SecuritySteps.EnterSecondFactorAsync(page, AppCodeLabel, code);
        await page.ExpectPageAsync("fr", "Gérer votre compte");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(citizen.Username);

        // Issue 7: what the journey left in the audit trail.
        await AuditTrailExpectations.ExpectTrailAsync(browser.Host, citizen.Username, ["factor.added", "session.signed-in"], citizen.Email);
    }

    [Fact]
    public async Task A_person_who_lost_their_phone_signs_in_with_a_recovery_code_which_then_no_longer_works()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var citizen = await AccountSteps.CreateConfirmedAccountAsync(page, browser.Mail);

        await SecuritySteps.OpenFactorsAsync(page);
        var app = await SecuritySteps.SetUpAuthenticatorAsync(page);
        var recoveryCode = app.RecoveryCodes[3];
        await AccountSteps.SignOutAsync(page);

        // Password, then the app's page, where the person picks another method.
        await AccountSteps.SubmitSignInAsync(page, citizen.Username, citizen.Password);
        await SecuritySteps.ExpectAuthenticatorStepAsync(page);
        await page.Link("Code de récupération").ClickAsync();
        await page.ExpectPageAsync("fr", "Code de récupération");
        await SecuritySteps.EnterSecondFactorAsync(page, RecoveryCodeLabel, recoveryCode);
        await page.ExpectPageAsync("fr", "Gérer votre compte");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(citizen.Username);
        await AccountSteps.SignOutAsync(page);

        // The same code a second time: refused, and the person is still on the recovery code page.
        await AccountSteps.SubmitSignInAsync(page, citizen.Username, citizen.Password);
        await SecuritySteps.ExpectAuthenticatorStepAsync(page);
        await page.Link("Code de récupération").ClickAsync();
        await page.ExpectPageAsync("fr", "Code de récupération");
        await SecuritySteps.EnterSecondFactorAsync(page, RecoveryCodeLabel, recoveryCode);
        await page.ExpectPageAsync("fr", "Code de récupération");
        await page.ExpectAlertAsync("Ce code n'est pas valide.");
        await Expect(page.Field(RecoveryCodeLabel)).ToBeEmptyAsync();

        // Issue 7: what the journey left in the audit trail.
        await AuditTrailExpectations.ExpectTrailAsync(browser.Host, citizen.Username, ["factor.added", "session.signed-in"], citizen.Email);
    }

    [Fact]
    public async Task An_idle_session_is_announced_two_minutes_before_it_ends_can_be_kept_and_then_ends()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        // The browser's timers run on Playwright's clock, so that 13 minutes pass in an instant.
        await page.Clock.InstallAsync();
        var citizen = await AccountSteps.CreateConfirmedAccountAsync(page, browser.Mail);
        await page.GotoAsync("/compte");
        await page.ExpectPageAsync("fr", "Gérer votre compte");

        var warning = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Votre session va bientôt se terminer" });
        await Expect(warning).ToBeHiddenAsync();

        // 13 minutes without a request: the warning, with the focus on "Rester connecté" (WCAG 2.2 SC 2.2.1).
        await page.Clock.FastForwardAsync(Minutes(13));
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning).ToContainTextAsync("Par sécurité, votre session se terminera dans 2 minutes si vous restez inactif.");
        await Expect(warning.GetByRole(AriaRole.Button, new() { Name = "Rester connecté", Exact = true })).ToBeFocusedAsync();
        await page.AssertAccessibleAsync();

        await warning.GetByRole(AriaRole.Button, new() { Name = "Rester connecté", Exact = true }).ClickAsync();
        await Expect(warning).ToBeHiddenAsync();
        await page.ExpectPageAsync("fr", "Gérer votre compte");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(citizen.Username);

        // 15 more idle minutes: the page signs the person out and says why.
        await page.Clock.FastForwardAsync(Minutes(15));
        await page.ExpectPageAsync("fr", "Se connecter");
        await page.ExpectNoticeAsync("Votre session a pris fin après 15 minutes d'inactivité");

        // The session is gone on the server too: the account page asks to sign in.
        await SecuritySteps.ExpectSignedOutAsync(page);

        // Issue 7: what the journey left in the audit trail.
        await AuditTrailExpectations.ExpectTrailAsync(browser.Host, citizen.Username, ["account.created", "account.email-confirmed"], citizen.Email);
    }

    [Fact]
    public async Task Signing_out_everywhere_from_a_second_browser_ends_the_first_browsers_session()
    {
        await using var first = await browser.NewContextAsync();
        var pageA = await first.NewPageAsync();
        var citizen = await AccountSteps.CreateConfirmedAccountAsync(pageA, browser.Mail);
        await pageA.GotoAsync("/compte");
        await pageA.ExpectPageAsync("fr", "Gérer votre compte");

        // The same person signs in on another browser, with the second mailed code.
        await using var second = await browser.NewContextAsync();
        var pageB = await second.NewPageAsync();
        await AccountSteps.OpenSignInAsync(pageB);
        await AccountSteps.SubmitSignInAsync(pageB, citizen.Email, citizen.Password);
        await AccountSteps.CompleteSignInAsync(pageB, await browser.Mail.CodeAsync(citizen.Email, 2), citizen);

        // Both browsers are listed; this one is marked.
        await pageB.GotoAsync("/compte/sessions");
        await pageB.ExpectPageAsync("fr", "Appareils connectés");
        var rows = pageB.GetByRole(AriaRole.Rowgroup).Last.GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = "ce navigateur" })).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Mot de passe et code");

        await pageB.Button("Se déconnecter partout").ClickAsync();
        await pageB.ExpectPageAsync("fr", "Se connecter");
        await pageB.ExpectNoticeAsync("Vous êtes maintenant déconnecté de tous vos appareils.");

        // The first browser's next page asks it to sign in.
        await SecuritySteps.ExpectSignedOutAsync(pageA);

        // Issue 7: what the journey left in the audit trail.
        await AuditTrailExpectations.ExpectTrailAsync(browser.Host, citizen.Username, ["session.signed-in", "session.ended-by-person"], citizen.Email);
    }

    [Fact]
    public async Task Every_account_page_has_no_axe_violation_in_French_and_in_English()
    {
        (string Path, string French, string English)[] pages =
        [
            ("/compte", "Gérer votre compte", "Manage your account"),
            ("/compte/facteurs", "Méthodes de connexion", "Sign-in methods"),
            ("/compte/sessions", "Appareils connectés", "Signed-in devices"),
            ("/compte/courriel", "Modifier mon adresse courriel", "Change my e-mail address"),
            ("/compte/mot-de-passe", "Modifier mon mot de passe", "Change my password"),
            ("/compte/verifier", "Confirmer que c'est bien vous", "Confirm it is you"),
            ("/compte/services", "Services auxquels vous avez consenti", "Services you consented to"),
            ("/compte/activite", "Mon activité", "My activity"),
            ("/compte/confidentialite", "Confidentialité et alertes", "Privacy and alerts"),
            ("/compte/exporter", "Exporter mes données", "Export my data"),
            ("/compte/fermer", "Fermer mon compte", "Close my account"),
            ("/compte/ce-n-etait-pas-moi", "Ce n'était pas moi", "This was not me"),
        ];

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AccountSteps.CreateConfirmedAccountAsync(page, browser.Mail);

        // Each page in French, then switched to English by the header, then back (axe on every one).
        foreach (var (path, french, english) in pages)
        {
            await page.GotoAsync(path);
            await page.ExpectPageAsync("fr", french);
            await SecuritySteps.LanguageSwitch(page, "English").ClickAsync();
            await page.ExpectPageAsync("en", english);
            Assert.EndsWith(path, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            await SecuritySteps.LanguageSwitch(page, "Français").ClickAsync();
            await page.ExpectPageAsync("fr", french);
        }
    }

    private static long Minutes(int minutes) => (long)TimeSpan.FromMinutes(minutes).TotalMilliseconds;
}
