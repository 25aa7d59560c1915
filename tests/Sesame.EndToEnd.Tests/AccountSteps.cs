using Microsoft.Playwright;
using Sesame.Testing;
using static Microsoft.Playwright.Assertions;

namespace Sesame.EndToEnd.Tests;

/// <summary>
/// The steps of the citizen pages in French, as a person takes them with a mouse, each ending with what the
/// person sees (and axe). Journeys compose them; the one that crosses languages spells its steps out.
/// </summary>
public static class AccountSteps
{
    public static async Task OpenSignInAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.ExpectPageAsync("fr", "Se connecter");
    }

    /// <summary>From the sign-in page: "Créer un compte".</summary>
    public static async Task OpenRegistrationAsync(IPage page)
    {
        await page.Link("Créer un compte").ClickAsync();
        await page.ExpectPageAsync("fr", "Créer votre compte");
    }

    public static async Task FillPasswordsAsync(IPage page, string password)
    {
        await page.Field("Mot de passe").FillAsync(password);
        await page.Field("Confirmez le mot de passe").FillAsync(password);
    }

    /// <summary>Submits the filled form and expects the code page it leads to.</summary>
    public static async Task SubmitRegistrationAsync(IPage page)
    {
        await page.Button("Créer le compte").ClickAsync();
        await page.ExpectPageAsync("fr", "Confirmer votre adresse courriel");
    }

    /// <summary>Types the mailed code on a code page and presses "Suivant".</summary>
    public static async Task EnterCodeAsync(IPage page, string code)
    {
        await page.Field("Code de sécurité").FillAsync(code);
        await page.Button("Suivant").ClickAsync();
    }

    /// <summary>Confirms the new account with the first mailed code and expects the success page.</summary>
    public static async Task ConfirmAsync(IPage page, MailServer mail, Citizen citizen)
    {
        await EnterCodeAsync(page, await mail.CodeAsync(citizen.Email));
        await page.ExpectPageAsync("fr", "Création de compte terminée");
        await page.ExpectNoticeAsync("Votre compte a été créé avec succès.");
    }

    /// <summary>The whole creation of a confirmed account through the pages; ends signed in on the success page.</summary>
    public static async Task<Citizen> CreateConfirmedAccountAsync(IPage page, MailServer mail)
    {
        var citizen = Citizen.New();
        await OpenSignInAsync(page);
        await OpenRegistrationAsync(page);
        await page.Field("Nom d'utilisateur").FillAsync(citizen.Username);
        await page.Field("Adresse courriel").FillAsync(citizen.Email);
        await FillPasswordsAsync(page, citizen.Password);
        await page.Field("J'ai lu et j'accepte les conditions d'utilisation.").CheckAsync();
        await SubmitRegistrationAsync(page);
        await ConfirmAsync(page, mail, citizen);
        return citizen;
    }

    /// <summary>"Se déconnecter" in the header; expects the sign-in page and its notice.</summary>
    public static async Task SignOutAsync(IPage page)
    {
        await page.HeaderButton("Se déconnecter").ClickAsync();
        await page.ExpectPageAsync("fr", "Se connecter");
        await page.ExpectNoticeAsync("Vous êtes maintenant déconnecté.");
    }

    /// <summary>Fills the sign-in form and submits it; the caller expects the outcome.</summary>
    public static async Task SubmitSignInAsync(IPage page, string identifier, string password)
    {
        await page.Field("Adresse courriel ou nom d'utilisateur").FillAsync(identifier);
        await page.Field("Mot de passe").FillAsync(password);
        await page.Button("Se connecter").ClickAsync();
    }

    /// <summary>On the code page of a sign-in: enters the code and expects the account page.</summary>
    public static async Task CompleteSignInAsync(IPage page, string code, Citizen citizen)
    {
        await page.ExpectPageAsync("fr", "Code de sécurité");
        await EnterCodeAsync(page, code);
        await page.ExpectPageAsync("fr", "Gérer votre compte");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(citizen.Username);
    }
}
