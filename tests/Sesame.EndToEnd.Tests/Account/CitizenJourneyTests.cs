using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sesame.EndToEnd.Tests.Account;

/// <summary>Issue 2's browser journey, as a new person takes it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CitizenJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_new_person_creates_an_account_in_French_switching_language_mid_form_then_signs_in_with_the_mailed_code()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var citizen = Citizen.New();

        // Sesame opens in French.
        await AccountSteps.OpenSignInAsync(page);
        await AccountSteps.OpenRegistrationAsync(page);

        // Half-way through the form, the person switches to English: what was typed stays (passwords excepted:
        // they are never written back into a page), and the page is now English.
        await page.Field("Nom d'utilisateur").FillAsync(citizen.Username);
        await page.Field("Adresse courriel").FillAsync(citizen.Email);
        await page.Field("Mot de passe").FillAsync(citizen.Password);
        await page.Field("J'ai lu et j'accepte les conditions d'utilisation.").CheckAsync();
        await page.HeaderButton("English").ClickAsync();
        await page.ExpectPageAsync("en", "Create your account");
        await Expect(page.Field("Username")).ToHaveValueAsync(citizen.Username);
        await Expect(page.Field("E-mail address")).ToHaveValueAsync(citizen.Email);
        await Expect(page.Field("Password")).ToBeEmptyAsync();
        await Expect(page.Field("I have read and accept the terms of use.")).ToBeCheckedAsync();

        // Back to French, still with what was typed; the person finishes there.
        await page.HeaderButton("Français").ClickAsync();
        await page.ExpectPageAsync("fr", "Créer votre compte");
        await Expect(page.Field("Nom d'utilisateur")).ToHaveValueAsync(citizen.Username);
        await Expect(page.Field("Adresse courriel")).ToHaveValueAsync(citizen.Email);
        await Expect(page.Field("J'ai lu et j'accepte les conditions d'utilisation.")).ToBeCheckedAsync();
        await AccountSteps.FillPasswordsAsync(page, citizen.Password);
        await AccountSteps.SubmitRegistrationAsync(page);

        // The code mailed by the real SMTP server confirms the address.
        await AccountSteps.ConfirmAsync(page, browser.Mail, citizen);
        await AccountSteps.SignOutAsync(page);

        // Signing in: the username and password, then the second mailed code.
        await AccountSteps.SubmitSignInAsync(page, citizen.Username, citizen.Password);
        await AccountSteps.CompleteSignInAsync(page, await browser.Mail.CodeAsync(citizen.Email, 2), citizen);

        // The account page in English (a page without a form switches by link), then signing out.
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
        await page.ExpectPageAsync("en", "Manage your account");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(citizen.Username);
        await page.HeaderButton("Sign out").ClickAsync();
        await page.ExpectPageAsync("en", "Sign in");
        await page.ExpectNoticeAsync("You are now signed out.");

        // Issue 7: what the journey left in the audit trail.
        await AuditTrailExpectations.ExpectTrailAsync(browser.Host, citizen.Username, ["account.created", "session.signed-in"], citizen.Email);
    }
}
