using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sesame.EndToEnd.Tests.Account;

/// <summary>
/// quality.md: "every page works with the keyboard alone and without JavaScript". A browser with JavaScript
/// off, driven only by Tab, typing, Space and Enter, creates and confirms an account, then signs in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NoJavaScriptTests(BrowserFixture browser)
{
    [Fact]
    public async Task Without_JavaScript_a_person_creates_confirms_and_signs_in_with_the_keyboard_alone()
    {
        await using var context = await browser.NewContextAsync(javaScriptEnabled: false);
        var page = await context.NewPageAsync();
        var keyboard = new KeyboardOnly(page);
        var citizen = Citizen.New("lea");

        await AccountSteps.OpenSignInAsync(page);
        await keyboard.TabToAsync(page.Link("Créer un compte"));
        await keyboard.PressAsync("Enter");
        await page.ExpectPageAsync("fr", "Créer votre compte");

        await keyboard.TypeIntoAsync(page.Field("Nom d'utilisateur"), citizen.Username);
        await keyboard.TypeIntoAsync(page.Field("Adresse courriel"), citizen.Email);
        await keyboard.TypeIntoAsync(page.Field("Mot de passe"), citizen.Password);
        await keyboard.TypeIntoAsync(page.Field("Confirmez le mot de passe"), citizen.Password);
        await keyboard.TabToAsync(page.Field("J'ai lu et j'accepte les conditions d'utilisation."));
        await keyboard.PressAsync("Space");
        await Expect(page.Field("J'ai lu et j'accepte les conditions d'utilisation.")).ToBeCheckedAsync();
        await keyboard.TabToAsync(page.Button("Créer le compte"));
        await keyboard.PressAsync("Enter");
        await page.ExpectPageAsync("fr", "Confirmer votre adresse courriel");

        await keyboard.TypeIntoAsync(page.Field("Code de sécurité"), await browser.Mail.CodeAsync(citizen.Email));
        await keyboard.TabToAsync(page.Button("Suivant"));
        await keyboard.PressAsync("Enter");
        await page.ExpectPageAsync("fr", "Création de compte terminée");
        await page.ExpectNoticeAsync("Votre compte a été créé avec succès.");

        await keyboard.TabToAsync(page.HeaderButton("Se déconnecter"));
        await keyboard.PressAsync("Enter");
        await page.ExpectPageAsync("fr", "Se connecter");
        await page.ExpectNoticeAsync("Vous êtes maintenant déconnecté.");

        // The sign-in form and the code form are sent with Enter from their last field.
        await keyboard.TypeIntoAsync(page.Field("Adresse courriel ou nom d'utilisateur"), citizen.Username);
        await keyboard.TypeIntoAsync(page.Field("Mot de passe"), citizen.Password);
        await keyboard.PressAsync("Enter");
        await page.ExpectPageAsync("fr", "Code de sécurité");
        await keyboard.TypeIntoAsync(page.Field("Code de sécurité"), await browser.Mail.CodeAsync(citizen.Email, 2));
        await keyboard.PressAsync("Enter");
        await page.ExpectPageAsync("fr", "Gérer votre compte");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(citizen.Username);

        // Issue 7: what the journey left in the audit trail.
        await AuditTrailExpectations.ExpectTrailAsync(browser.Host, citizen.Username, ["account.created", "session.signed-in"], citizen.Email);
    }
}
