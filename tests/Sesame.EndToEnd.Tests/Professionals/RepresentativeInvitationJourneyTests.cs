using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sesame.EndToEnd.Tests.Manage;
using Sesame.Testing;
using static Microsoft.Playwright.Assertions;
using static Sesame.EndToEnd.Tests.Professionals.ProfessionalSteps;

namespace Sesame.EndToEnd.Tests.Professionals;

/// <summary>
/// Issue 6, "must be shown": seed 004's whole story. A clinic's designated representative adds a user in Sesame's
/// console; the person receives the mail, creates the professional account with the secret code and the security
/// questions, and the representative, administrator of the clinic in Rendez-vous santé Québec (samples/RendezVousSante),
/// adds them there as an employee by RAMQ username; the employee, who added an authenticator app, signs in there
/// through Sesame with it instead of the questions, and sees it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RepresentativeInvitationJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_representative_invites_a_user_who_creates_the_account_with_the_secret_code_and_is_added_as_an_employee_in_Rendez_vous_sante()
    {
        var (clinic, representativeUsername) = await ClinicWithRepresentativeAsync(browser.Host);
        await using var sample = await RendezVousService.StartAsync(browser.Host);
        var email = $"anne.{Guid.NewGuid().ToString("N")[..10]}@exemple.ca";
        var employeeUsername = NewUsername("anne.tremblay");

        // The representative signs in at the professional page: password, then two of the eight questions.
        await using var representativeContext = await browser.NewContextAsync();
        var representative = await representativeContext.NewPageAsync();
        await SignInAsync(representative, representativeUsername);
        await ExpectMainToContainAsync(representative, clinic);

        // The console: "Ajouter un utilisateur", a person without an account, for Rendez-vous santé Québec.
        await representative.Link("Inscription d'utilisateurs par un représentant désigné").ClickAsync();
        await representative.ExpectPageAsync("fr", "Utilisateurs");
        await representative.Link("Ajouter un utilisateur").ClickAsync();
        await representative.ExpectPageAsync("fr", "Ajouter un utilisateur");
        await representative.GetByLabel("Non", new() { Exact = true }).CheckAsync();
        await representative.GetByLabel("Madame", new() { Exact = true }).CheckAsync();
        await representative.Field("Prénom").FillAsync("Anne");
        await representative.Field("Nom").FillAsync("Tremblay");
        await representative.Field("Courriel").FillAsync(email);
        await representative.GetByLabel(RendezVousService.NameFr, new() { Exact = true }).CheckAsync();
        await representative.Button("Ajouter").ClickAsync();

        // The secret code, shown once, to hand over by another channel than e-mail.
        await representative.ExpectPageAsync("fr", "Ajouter un utilisateur");
        await Expect(representative.GetByRole(AriaRole.Status).First).ToHaveTextAsync("L'ajout de Anne Tremblay a été effectué.");
        var secretCode = representative.GetByRole(AriaRole.Status, new() { Name = "Code secret" }).Locator("strong");
        await Expect(secretCode).ToHaveTextAsync(SecretCode());
        var code = (await secretCode.TextContentAsync())!.Trim();

        // The invitation mail names the representative and carries the link, never the code.
        var invitation = await browser.Mail.WaitForMailAsync(email, m => m.Text.Contains("/invitation", StringComparison.Ordinal), "invitation");
        Assert.Contains("Gagnon", invitation.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(code, invitation.Text, StringComparison.Ordinal);

        // The person opens the link in their own browser: the usage policy, then the account form.
        await using var employeeContext = await browser.NewContextAsync();
        var employee = await employeeContext.NewPageAsync();
        await employee.GotoAsync(MailServer.LinkIn(invitation));
        await employee.ExpectPageAsync("fr", "Création du compte");
        await ExpectMainToContainAsync(employee, "Politique envers les utilisateurs des services en ligne");
        await employee.Button("J'accepte").ClickAsync();
        await employee.ExpectPageAsync("fr", "Création du compte");
        await employee.Field("Code secret").FillAsync(code);
        await employee.Field("Nom d'utilisateur").FillAsync(employeeUsername);
        await employee.Field("Mot de passe").FillAsync(Password);
        await employee.Field("Confirmez le mot de passe").FillAsync(Password);
        await FillEightAnswersAsync(employee);
        await employee.Button("Créer le compte").ClickAsync();

        // Created: the professional sign-in page says so; the person signs in with the questions.
        await employee.ExpectPageAsync("fr", "Connexion des professionnels");
        await employee.ExpectNoticeAsync("Votre compte est créé.");
        await SubmitPasswordAsync(employee, employeeUsername, Password);
        await AnswerQuestionsAsync(employee);
        await employee.ExpectPageAsync("fr", "Mes organisations");
        await ExpectMainToContainAsync(employee, clinic);
        await ExpectMainToContainAsync(employee, RendezVousService.NameFr);

        // Issue 6: the person adds a stronger factor, an authenticator app, which will replace the questions.
        await employee.Link("Méthodes de connexion").ClickAsync();
        await employee.ExpectPageAsync("fr", "Méthodes de connexion");
        var app = await SecuritySteps.SetUpAuthenticatorAsync(employee);
        await employee.Link("Retour à Mes organisations").ClickAsync();
        await employee.ExpectPageAsync("fr", "Mes organisations");

        // The representative signs in to Rendez-vous santé Québec through Sesame (already signed in there): the
        // consent page names the organizations claim; back on the sample, they administer the clinic.
        await OpenSampleAsync(representative, sample);
        await ConsentAsync(representative);
        await representative.ExpectPageAsync("fr", "Ma clinique");
        await ExpectMainToContainAsync(representative, clinic);
        await ExpectMainToContainAsync(representative, "Vous êtes l'administrateur local de cette clinique.");

        // They add the employee by RAMQ username: the sample asks Sesame's directory.
        await representative.Field("Nom d'utilisateur RAMQ de l'employé").FillAsync(employeeUsername);
        await representative.Button("Ajouter").ClickAsync();
        await representative.ExpectPageAsync("fr", "Ma clinique");
        await representative.ExpectNoticeAsync($"Anne Tremblay a été ajouté(e) comme employé(e) de {clinic}.");
        await Expect(representative.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Tremblay" })).ToHaveTextAsync("Madame Anne Tremblay");

        // Later, in a new browser without a Sesame session, the employee signs in to the sample through Sesame's
        // professional sign-in page and sees they are an employee of that clinic.
        await using var laterContext = await browser.NewContextAsync();
        employee = await laterContext.NewPageAsync();
        await OpenSampleAsync(employee, sample);
        await SubmitPasswordAsync(employee, employeeUsername, Password);
        await SecuritySteps.ExpectAuthenticatorStepAsync(employee);
        await Expect(employee.GetByLabel("Faire confiance à ce navigateur", new() { Exact = false })).ToHaveCountAsync(0);
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        await SecuritySteps.EnterSecondFactorAsync(employee, "Code de l'application", Totp.Code(app.Key, step == app.ActivationStep ? step + 1 : step));
        await ConsentAsync(employee);
        await employee.ExpectPageAsync("fr", "Ma clinique");
        await ExpectMainToContainAsync(employee, clinic);
        await ExpectMainToContainAsync(employee, "Vous êtes employé(e) de cette clinique");
        await Expect(employee.Field("Nom d'utilisateur RAMQ de l'employé")).ToHaveCountAsync(0);

        // Issue 7: what the journey left in the audit trail.
        await AuditTrailExpectations.ExpectTrailAsync(browser.Host, employeeUsername, ["account.professional-created", "session.signed-in", "factor.added"]);
    }

    private static async Task OpenSampleAsync(IPage page, RendezVousService sample)
    {
        await page.GotoAsync(sample.RootUri.ToString());
        await page.ExpectPageAsync("fr", RendezVousService.NameFr);
        await page.Button("Se connecter avec Sesame").ClickAsync();
    }

    private static async Task ConsentAsync(IPage page)
    {
        await page.ExpectPageAsync("fr", "Communication des renseignements personnels");
        await ExpectMainToContainAsync(page, RendezVousService.NameFr);
        await page.Button("Je consens").ClickAsync();
    }

    [GeneratedRegex("^[A-Za-z0-9]{8}$")]
    private static partial Regex SecretCode();
}
