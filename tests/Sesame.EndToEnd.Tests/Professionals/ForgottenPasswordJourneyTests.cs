using static Sesame.EndToEnd.Tests.Professionals.ProfessionalSteps;

namespace Sesame.EndToEnd.Tests.Professionals;

/// <summary>
/// Seed 004's "Mot de passe oublié?" for a professional, who has no mailbox on file: three of the eight security
/// questions and a new password under seed 004's rules, then the usual sign-in with it (decision 0017).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ForgottenPasswordJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_professional_who_forgot_the_password_answers_three_questions_chooses_a_new_one_and_signs_in()
    {
        var (clinic, username) = await ClinicWithRepresentativeAsync(browser.Host);
        const string newPassword = "Rimouski2027Fleuve";
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/professionnels/connexion");
        await page.ExpectPageAsync("fr", "Connexion des professionnels");
        await page.Link("Mot de passe oublié?").ClickAsync();
        await page.ExpectPageAsync("fr", "Mot de passe oublié");
        await page.Field("Nom d'utilisateur").FillAsync(username);
        await page.Button("Suivant").ClickAsync();

        await page.ExpectPageAsync("fr", "Mot de passe oublié");
        await FillAskedAnswersAsync(page, 3);
        await page.Field("Mot de passe").FillAsync(newPassword);
        await page.Field("Confirmez le mot de passe").FillAsync(newPassword);
        await page.Button("Changer le mot de passe").ClickAsync();

        await page.ExpectPageAsync("fr", "Connexion des professionnels");
        await page.ExpectNoticeAsync("Votre mot de passe a été modifié.");
        await SubmitPasswordAsync(page, username, newPassword);
        await AnswerQuestionsAsync(page);
        await page.ExpectPageAsync("fr", "Mes organisations");
        await ExpectMainToContainAsync(page, clinic);

        // Issue 7: what the journey left in the audit trail.
        await AuditTrailExpectations.ExpectTrailAsync(browser.Host, username, ["account.password-reset", "session.signed-in"]);
    }
}
