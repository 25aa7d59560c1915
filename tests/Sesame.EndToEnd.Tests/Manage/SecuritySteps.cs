using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Sesame.Testing;

namespace Sesame.EndToEnd.Tests.Manage;

/// <summary>The steps of "Méthodes de connexion" and of the second sign-in step, in French, as a person takes them.</summary>
public static class SecuritySteps
{
    /// <summary>The ten recovery codes shown once, after the first strong factor is set up.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>The account page asks to sign in again: the session is gone on the server.</summary>
    public static async Task ExpectSignedOutAsync(IPage page)
    {
        await page.GotoAsync("/compte");
        await page.ExpectPageAsync("fr", "Se connecter");
        await Expect(page.HeaderButton("Se déconnecter")).ToHaveCountAsync(0);
    }

    public static async Task OpenFactorsAsync(IPage page)
    {
        await page.GotoAsync("/compte/facteurs");
        await page.ExpectPageAsync("fr", "Méthodes de connexion");
    }

    /// <summary>What an authenticator app holds once set up: the key and the code typed to activate it.</summary>
    public sealed record AuthenticatorApp(string Key, long ActivationStep, string ActivationCode, IReadOnlyList<string> RecoveryCodes);

    /// <summary>
    /// On "Méthodes de connexion": "Configurer une application", the key read as a person would type it into
    /// an app that cannot scan, the app's current code typed back; expects the activation and the ten recovery codes.
    /// </summary>
    public static async Task<AuthenticatorApp> SetUpAuthenticatorAsync(IPage page)
    {
        // Each step shows the same page again: what changed on it is awaited before the page is checked.
        await page.Button("Configurer une application").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Code QR à balayer avec votre application d'authentification" })).ToBeVisibleAsync();
        await page.ExpectPageAsync("fr", "Méthodes de connexion");
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Trim();
        Assert.Matches("^[a-z2-7]{4}( [a-z2-7]{1,4})+$", key);

        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        var code = Totp.Code(key, step);
        await page.Field("Code de l'application").FillAsync(code);
        await page.Button("Activer l'application").ClickAsync();
        await page.ExpectNoticeAsync("Votre application d'authentification est activée.");
        await page.ExpectPageAsync("fr", "Méthodes de connexion");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Une application d'authentification est configurée.");
        return new AuthenticatorApp(key, step, code, await NewRecoveryCodesAsync(page));
    }

    /// <summary>The list "Vos nouveaux codes de récupération", which must hold ten distinct codes.</summary>
    public static async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(IPage page)
    {
        var codes = page.GetByRole(AriaRole.List, new() { Name = "Vos nouveaux codes de récupération" }).GetByRole(AriaRole.Listitem);
        await Expect(codes).ToHaveCountAsync(RecoveryCodeCount);
        var texts = (await codes.AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
        Assert.Equal(RecoveryCodeCount, texts.Distinct().Count());
        return texts;
    }

    /// <summary>After the password of an account with an authenticator app: the page that asks for the app's code.</summary>
    public static Task ExpectAuthenticatorStepAsync(IPage page) =>
        page.ExpectPageAsync("fr", "Code de votre application d'authentification");

    /// <summary>Types a code on a second-step page (app or recovery code) and presses "Suivant".</summary>
    public static async Task EnterSecondFactorAsync(IPage page, string label, string code)
    {
        await page.Field(label).FillAsync(code);
        await page.Button("Suivant").ClickAsync();
    }

    /// <summary>The header's language switch: a link, or a button on a page with a form (it keeps what was typed).</summary>
    public static ILocator LanguageSwitch(IPage page, string name)
    {
        var banner = page.GetByRole(AriaRole.Banner);
        return banner.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })
            .Or(banner.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }));
    }
}
