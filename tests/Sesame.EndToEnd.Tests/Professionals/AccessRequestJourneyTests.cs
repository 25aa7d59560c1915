using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sesame.Core.Accounts;
using Sesame.Server.Features.Admin;
using Sesame.Testing;
using static Microsoft.Playwright.Assertions;
using static Sesame.EndToEnd.Tests.Professionals.ProfessionalSteps;

namespace Sesame.EndToEnd.Tests.Professionals;

/// <summary>
/// Issue 6, "must be shown": seed 003's story online. A user fills and submits the access request; the authorizer
/// confirms it from the mailed link; an operator approves it in the queue with privileges and a validity period; the
/// user's first sign-in with the mailed temporary password forces a new password and the eight answers.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccessRequestJourneyTests(BrowserFixture browser)
{
    private const string Application = "Autorisation des demandes de paiement en ligne";
    private const string NewPassword = "Riviere2026Bleue";

    [Fact]
    public async Task An_access_request_is_confirmed_by_the_authorizer_approved_by_an_operator_and_the_user_signs_in_with_the_temporary_password()
    {
        var (establishment, installation) = await EstablishmentAsync(browser.Host);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var letters = new string([.. suffix.Select(c => (char)('A' + (c % 26)))]);
        var (userGiven, userFamily, userEmail) = ($"JULIE{letters}", $"CÔTÉ-TREMBLAY{letters}", $"julie.{suffix}@cisss-fleuve.example");
        var (authorizerGiven, authorizerFamily, authorizerEmail) = ($"LUC{letters}", $"GAGNON{letters}", $"luc.{suffix}@cisss-fleuve.example");

        // The user fills seed 003's form: the application, their identity and work details, the commitments,
        // the authorizer and the scope (one installation).
        await using var userContext = await browser.NewContextAsync();
        var user = await userContext.NewPageAsync();
        await user.GotoAsync("/professionnels/connexion");
        await user.ExpectPageAsync("fr", "Connexion des professionnels");
        await user.Link("Demande d'accès aux services en ligne").ClickAsync();
        await user.ExpectPageAsync("fr", "Demande d'accès aux services en ligne");
        await user.GetByLabel(Application, new() { Exact = true }).CheckAsync();
        await user.Locator("#hasusername-non").CheckAsync();
        await user.GetByLabel("Nom de l'établissement, de la grappe de services (OPTILAB) ou du GMF").SelectOptionAsync(new SelectOptionValue { Label = establishment });
        await user.Locator("#usertitle-Madame").CheckAsync();
        await user.Locator("#Input_UserGivenName").FillAsync(userGiven);
        await user.Locator("#Input_UserFamilyName").FillAsync(userFamily);
        await user.Field("Fonction").FillAsync("Secrétaire administrative");
        await user.Locator("#Input_UserEmail").FillAsync(userEmail);
        await user.Field("Téléphone").FillAsync("514 555-0142");
        await user.Field("Poste").FillAsync("2231");
        await user.Locator("#Input_CommitNotDisclose").CheckAsync();
        await user.Locator("#Input_CommitPurpose").CheckAsync();
        await user.Locator("#authorizertitle-Docteur").CheckAsync();
        await user.Locator("#Input_AuthorizerGivenName").FillAsync(authorizerGiven);
        await user.Locator("#Input_AuthorizerFamilyName").FillAsync(authorizerFamily);
        await user.Locator("#Input_AuthorizerEmail").FillAsync(authorizerEmail);
        await user.GetByLabel("Directeur des services professionnels", new() { Exact = true }).CheckAsync();
        await user.GetByLabel("De certaines installations de l'établissement (cochez-les à la section 5)", new() { Exact = true }).CheckAsync();
        await user.GetByLabel($"{installation} — Hôpital du Fleuve", new() { Exact = true }).CheckAsync();
        await user.Button("Présenter la demande").ClickAsync();

        // Submitted: the reference number, and what happens next.
        await user.ExpectPageAsync("fr", "Demande d'accès aux services en ligne");
        var submitted = user.GetByRole(AriaRole.Status).Filter(new() { HasText = "Votre demande a été présentée." });
        await Expect(submitted).ToContainTextAsync(Reference());
        var reference = Reference().Match((await submitted.TextContentAsync())!).Value;

        // The authorizer opens the mailed link in their own browser, checks the request and confirms it.
        var toAuthorizer = await browser.Mail.WaitForMailAsync(authorizerEmail, m => m.Text.Contains(reference, StringComparison.Ordinal), "confirmation link");
        await using (var authorizerContext = await browser.NewContextAsync())
        {
            var authorizer = await authorizerContext.NewPageAsync();
            await authorizer.GotoAsync(MailServer.LinkIn(toAuthorizer));
            await authorizer.ExpectPageAsync("fr", "Autorisation d'une demande d'accès");
            await ExpectMainToContainAsync(authorizer, userFamily);
            await ExpectMainToContainAsync(authorizer, Application);
            await ExpectMainToContainAsync(authorizer, installation);
            await authorizer.GetByLabel("J'autorise la demande et je prends ces engagements.").CheckAsync();
            await authorizer.Button("Je confirme").ClickAsync();
            await authorizer.ExpectPageAsync("fr", "Autorisation d'une demande d'accès");
            await ExpectMainToContainAsync(authorizer, "Merci. La demande est confirmée et sera traitée par la RAMQ.");
        }

        // An operator finds it in the queue by its reference number and approves the application for a year.
        await using (var operatorContext = await browser.NewContextAsync())
        {
            var operatorPage = await operatorContext.NewPageAsync();
            await SignInAsOperatorAsync(operatorPage);
            await operatorPage.GotoAsync("/admin/demandes");
            await operatorPage.ExpectPageAsync("fr", "Demandes d'accès à traiter");
            await operatorPage.Link(reference).ClickAsync();
            await operatorPage.ExpectPageAsync("fr", "Demande d'accès");
            await ExpectMainToContainAsync(operatorPage, userGiven);
            await ExpectMainToContainAsync(operatorPage, reference);
            var today = DateOnly.FromDateTime(browser.Host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            await operatorPage.GetByLabel(Application, new() { Exact = true }).CheckAsync();
            await operatorPage.Field("Début de la période de validité").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await operatorPage.Field("Fin de la période de validité").FillAsync(today.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await operatorPage.Button("Approuver et envoyer les éléments d'identification").ClickAsync();
            await operatorPage.ExpectPageAsync("fr", "Demandes d'accès à traiter");
            await operatorPage.ExpectNoticeAsync("La demande est approuvée.");
            await Expect(operatorPage.Link(reference)).ToHaveCountAsync(0);
        }

        // The username goes to the authorizer, the temporary password to the user.
        var usernameMail = await browser.Mail.WaitForMailAsync(authorizerEmail, m => m.Text.Contains("Voici le nom d'utilisateur délivré :", StringComparison.Ordinal), "username");
        var username = ValueAfter(usernameMail, "Voici le nom d'utilisateur délivré :");
        var passwordMail = await browser.Mail.WaitForMailAsync(userEmail, m => m.Text.Contains("Voici votre mot de passe temporaire :", StringComparison.Ordinal), "temporary password");
        var temporary = ValueAfter(passwordMail, "Voici votre mot de passe temporaire :");

        // First sign-in: the temporary password leads to choosing one's own, with the eight answers, then the questions.
        await user.GotoAsync("/professionnels/connexion");
        await SubmitPasswordAsync(user, username, temporary);
        await user.ExpectPageAsync("fr", "Choisissez votre mot de passe");
        await user.Field("Mot de passe").FillAsync(NewPassword);
        await user.Field("Confirmez le mot de passe").FillAsync(NewPassword);
        await FillEightAnswersAsync(user);
        await user.Button("Enregistrer et continuer").ClickAsync();
        await AnswerQuestionsAsync(user);
        await user.ExpectPageAsync("fr", "Mes organisations");
        await ExpectMainToContainAsync(user, establishment);
        await ExpectMainToContainAsync(user, Application);

        // Issue 7: what the journey left in the audit trail.
        await AuditTrailExpectations.ExpectTrailAsync(browser.Host, username, ["account.temporary-password-changed", "session.signed-in"]);
    }

    /// <summary>A confirmed citizen account given the Operator role (as the server tests do), signed in again so the role counts.</summary>
    private async Task SignInAsOperatorAsync(IPage page)
    {
        var citizen = await AccountSteps.CreateConfirmedAccountAsync(page, browser.Mail);
        await using (var scope = browser.Host.Services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            if (!await roles.RoleExistsAsync(JournalModel.OperatorRole))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(JournalModel.OperatorRole));
            }

            var users = scope.ServiceProvider.GetRequiredService<UserManager<SesameUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByNameAsync(citizen.Username))!, JournalModel.OperatorRole)).Succeeded);
        }

        await AccountSteps.SignOutAsync(page);
        await AccountSteps.OpenSignInAsync(page);
        await AccountSteps.SubmitSignInAsync(page, citizen.Username, citizen.Password);
        await AccountSteps.CompleteSignInAsync(page, await browser.Mail.CodeAsync(citizen.Email, 2), citizen);
    }

    [GeneratedRegex(@"\d{3} \d{3} \d{3}")]
    private static partial Regex Reference();
}
