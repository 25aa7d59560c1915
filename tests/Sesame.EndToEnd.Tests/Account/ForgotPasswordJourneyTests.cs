using Microsoft.Playwright;
using Sesame.Testing;

namespace Sesame.EndToEnd.Tests.Account;

/// <summary>"Mot de passe oublié?": a link by mail, a new password, the old one refused, an alert mailed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ForgotPasswordJourneyTests(BrowserFixture browser)
{
    private const string NewPassword = "Riviere-Brume-Automne-47";

    [Fact]
    public async Task A_person_who_forgot_the_password_sets_a_new_one_from_the_mailed_link_and_only_the_new_one_works()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var citizen = await AccountSteps.CreateConfirmedAccountAsync(page, browser.Mail);
        await AccountSteps.SignOutAsync(page);

        // The form answers the same whether or not an account matches; the mail carries the link.
        await page.Link("Mot de passe oublié?").ClickAsync();
        await page.ExpectPageAsync("fr", "Mot de passe oublié");
        await page.Field("Adresse courriel ou nom d'utilisateur").FillAsync(citizen.Email);
        await page.Button("Envoyer le lien").ClickAsync();
        await page.ExpectPageAsync("fr", "Mot de passe oublié");
        await page.ExpectNoticeAsync("Si un compte correspond à ce que vous avez saisi, un courriel vient d'y être envoyé.");
        var resetMail = await browser.Mail.WaitForMailAsync(citizen.Email, m => m.Subject.Contains("Choisir un nouveau mot de passe", StringComparison.Ordinal), "reset link");

        await page.GotoAsync(MailServer.LinkIn(resetMail));
        await page.ExpectPageAsync("fr", "Choisir un nouveau mot de passe");
        await page.Field("Nouveau mot de passe").FillAsync(NewPassword);
        await page.Field("Confirmez le mot de passe").FillAsync(NewPassword);
        await page.Button("Enregistrer le mot de passe").ClickAsync();
        await page.ExpectPageAsync("fr", "Se connecter");
        await page.ExpectNoticeAsync("Votre mot de passe a été modifié. Vous pouvez maintenant vous connecter.");

        // The old password is refused, with the answer that names nothing.
        await AccountSteps.SubmitSignInAsync(page, citizen.Username, citizen.Password);
        await page.ExpectPageAsync("fr", "Se connecter");
        await page.ExpectAlertAsync("Le nom d'utilisateur, l'adresse courriel ou le mot de passe est invalide.");

        // The new one works, with its mailed code.
        await AccountSteps.SubmitSignInAsync(page, citizen.Email, NewPassword);
        var codeMail = await browser.Mail.WaitForMailAsync(citizen.Email, m => m.Subject.Contains("pour vous connecter", StringComparison.Ordinal), "sign-in code");
        await AccountSteps.CompleteSignInAsync(page, MailServer.CodeIn(codeMail), citizen);

        // And the person was told by mail that the password changed.
        var alert = await browser.Mail.WaitForMailAsync(citizen.Email, m => m.Subject.Contains("mot de passe a été modifié", StringComparison.Ordinal), "password changed alert");
        Assert.Contains("toutes vos sessions ouvertes ont été fermées", alert.Text, StringComparison.Ordinal);

        // Issue 7: what the journey left in the audit trail.
        await AuditTrailExpectations.ExpectTrailAsync(browser.Host, citizen.Username, ["account.created", "account.password-reset"], citizen.Email);
    }
}
