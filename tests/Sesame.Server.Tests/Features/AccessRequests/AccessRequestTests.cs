using System.Net;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Access;
using Sesame.Core.Organizations;
using Sesame.Server.Tests.Support;
using Sesame.Testing;
using static Sesame.Server.Tests.Features.AccessRequests.AccessRequestSteps;

namespace Sesame.Server.Tests.Features.AccessRequests;

/// <summary>Seed 003 online: the request, the authorizer's link, the operator's decision and the first sign-in.</summary>
[Collection(ServerCollection.Name)]
public sealed class AccessRequestTests(ServerFixture server)
{
    [Fact]
    public async Task Seed_003_whole_story_from_the_form_to_a_signed_in_member_with_the_services()
    {
        var establishment = await EstablishmentAsync(server);
        var user = NewPerson("MARIE", "TREMBLAY");
        var authorizer = NewPerson("LUC", "GAGNON");

        var (reference, link) = await SubmitAsync(server, Form(establishment, user, authorizer), authorizer.Email);
        var toAuthorizer = (await server.Mail.ReceivedAsync(authorizer.Email)).Single();
        Assert.Contains(reference, toAuthorizer.Text, StringComparison.Ordinal);
        foreach (var name in new[] { user.GivenName, user.FamilyName, authorizer.GivenName, authorizer.FamilyName })
        {
            Assert.DoesNotContain(name, toAuthorizer.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(name, toAuthorizer.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(name, link, StringComparison.OrdinalIgnoreCase);
        }

        // The authorizer sees what is asked, by whom, and the scope.
        using (var authorizerBrowser = server.NewBrowser())
        {
            var shown = await authorizerBrowser.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, shown.Status);
            Assert.Contains(user.FamilyName, shown.Text, StringComparison.Ordinal);
            Assert.Contains("Autorisation des demandes de paiement en ligne", shown.Text, StringComparison.Ordinal);
            Assert.Contains("De certaines installations de l'établissement", shown.Text, StringComparison.Ordinal);
            Assert.Contains(establishment.Installation, shown.Text, StringComparison.Ordinal);
            Assert.Contains("Directeur des services professionnels", shown.Text, StringComparison.Ordinal);
            var withoutCommitment = await authorizerBrowser.PostAsync(link + "&handler=Confirm", Browser.NoFields);
            Assert.Equal(HttpStatusCode.BadRequest, withoutCommitment.Status);
        }

        await ConfirmAsync(server, link);

        // The operator approves from the queue.
        using var operatorBrowser = await OperatorAsync(server);
        var queue = await operatorBrowser.GetAsync("/admin/demandes");
        Assert.Contains(reference, queue.Text, StringComparison.Ordinal);
        var id = await RequestIdAsync(server, reference);
        var opened = await operatorBrowser.GetAsync($"/admin/demandes/{id}");
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Contains(user.GivenName, opened.Text, StringComparison.Ordinal);
        var noPeriod = await operatorBrowser.PostAsync($"/admin/demandes/{id}?handler=Approve", new Dictionary<string, string>
        {
            ["Input.Services"] = ProfessionalService.OnlinePaymentAuthorization,
            ["Input.ValidFrom"] = "2026-11-23",
            ["Input.ValidUntil"] = "2026-11-01",
        });
        Assert.Equal(HttpStatusCode.BadRequest, noPeriod.Status);
        Assert.Contains("dont la fin suit le début", noPeriod.Text, StringComparison.Ordinal);
        var approved = await operatorBrowser.PostAsync($"/admin/demandes/{id}?handler=Approve", new Dictionary<string, string>
        {
            ["Input.Services"] = ProfessionalService.OnlinePaymentAuthorization,
            ["Input.ValidFrom"] = "2026-11-23",
            ["Input.ValidUntil"] = "2027-11-23",
        });
        Assert.Equal(HttpStatusCode.Redirect, approved.Status);
        Assert.Equal("/admin/demandes?avis=approuvee", approved.Target);
        Assert.DoesNotContain(reference, (await operatorBrowser.GetAsync("/admin/demandes")).Text, StringComparison.Ordinal);
        var again = await operatorBrowser.PostAsync($"/admin/demandes/{id}?handler=Approve", new Dictionary<string, string>
        {
            ["Input.Services"] = ProfessionalService.OnlinePaymentAuthorization, ["Input.ValidFrom"] = "2026-11-23", ["Input.ValidUntil"] = "2027-11-23",
        }, from: $"/admin/demandes/{id}");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);

        // The username to the authorizer, the temporary password to the user.
        var usernameMail = (await server.Mail.WaitForAsync(authorizer.Email, 2))[1];
        var username = ValueAfter(usernameMail, "Voici le nom d'utilisateur délivré :");
        Assert.EndsWith("@" + AccessRequestRules.UsernameDomain, username, StringComparison.Ordinal);
        var passwordMail = (await server.Mail.WaitForAsync(user.Email)).Single();
        var temporary = ValueAfter(passwordMail, "Voici votre mot de passe temporaire :");
        Assert.DoesNotContain(username, passwordMail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(temporary, usernameMail.Text, StringComparison.Ordinal);

        // The first sign-in asks for a new password and the eight answers before the questions.
        using var browser = server.NewBrowser();
        Assert.Contains("href=\"/demande-acces\"", (await browser.GetAsync("/professionnels/connexion")).Html, StringComparison.Ordinal);
        var signedIn = await browser.PostAsync("/professionnels/connexion", new Dictionary<string, string> { ["Input.Username"] = username, ["Input.Password"] = temporary });
        Assert.Equal("/professionnels/connexion/nouveau-mot-de-passe", signedIn.Target);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/organisations")).Status);
        var form = await browser.GetAsync("/professionnels/connexion/nouveau-mot-de-passe");
        Assert.Equal(8, AskedQuestions(form).Count);
        var answers = Enumerable.Range(0, 8).ToDictionary(i => $"Input.Answers[{i}]", i => Answer(i + 1));
        var keepsTemporary = await browser.PostAsync("/professionnels/connexion/nouveau-mot-de-passe", new Dictionary<string, string>(answers) { ["Input.Password"] = temporary, ["Input.ConfirmPassword"] = temporary });
        Assert.Equal(HttpStatusCode.BadRequest, keepsTemporary.Status);
        Assert.True(keepsTemporary.Text.Contains("différent du mot de passe temporaire", StringComparison.Ordinal), System.Text.RegularExpressions.Regex.Replace(keepsTemporary.Text, @"\s+", " "));
        var weak = await browser.PostAsync("/professionnels/connexion/nouveau-mot-de-passe", new Dictionary<string, string>(answers) { ["Input.Password"] = "12345678a", ["Input.ConfirmPassword"] = "12345678a" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.Status);
        var changed = await browser.PostAsync("/professionnels/connexion/nouveau-mot-de-passe", new Dictionary<string, string>(answers) { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });
        Assert.Equal("/professionnels/connexion/questions", changed.Target);
        var asked = AskedQuestions(await browser.GetAsync("/professionnels/connexion/questions"));
        Assert.Equal(2, asked.Count);
        var done = await browser.PostAsync("/professionnels/connexion/questions", asked.ToDictionary(q => $"Input.Answers[{q}]", Answer));
        Assert.Equal("/organisations", done.Target);
        var organizations = await browser.GetAsync("/organisations");
        Assert.Contains(establishment.Name, organizations.Text, StringComparison.Ordinal);
        Assert.Contains("Autorisation des demandes de paiement en ligne — valide jusqu'au 2027-11-23", System.Text.RegularExpressions.Regex.Replace(organizations.Text, @"\s+", " "), StringComparison.Ordinal);

        // The temporary password no longer works; the new one leads straight to the questions.
        using (var later = server.NewBrowser())
        {
            var old = await later.PostAsync("/professionnels/connexion", new Dictionary<string, string> { ["Input.Username"] = username, ["Input.Password"] = temporary }, from: "/professionnels/connexion");
            Assert.Equal(HttpStatusCode.BadRequest, old.Status);
            var now = await later.PostAsync("/professionnels/connexion", new Dictionary<string, string> { ["Input.Username"] = username, ["Input.Password"] = NewPassword });
            Assert.Equal("/professionnels/connexion/questions", now.Target);
        }

        var (request, membership, codes) = await server.WithDatabaseAsync(async db =>
        {
            var request = await db.AccessRequests.AsNoTracking().SingleAsync(r => r.Id == id);
            var membership = await db.Memberships.AsNoTracking().Include(m => m.Services).SingleAsync(m => m.UserId == request.AccountId);
            var codes = await db.AuditRecords.AsNoTracking().Where(r => r.Organization == establishment.Id.ToString()).Select(r => r.Code).ToListAsync();
            return (request, membership, codes);
        });
        Assert.Equal(AccessRequestState.Approved, request.State);
        Assert.Equal(new DateOnly(2027, 11, 23), request.ValidUntil);
        Assert.Equal(ProfessionalService.OnlinePaymentAuthorization, request.GrantedServices);
        Assert.NotNull(request.DecidedBy);
        Assert.Equal(establishment.Id, membership.OrganizationId);
        var granted = Assert.Single(membership.Services);
        Assert.Equal(ProfessionalService.OnlinePaymentAuthorization, granted.ServiceCode);
        Assert.Equal((new DateOnly(2026, 11, 23), new DateOnly(2027, 11, 23)), (granted.ValidFrom!.Value, granted.ValidUntil!.Value));
        foreach (var code in new[] { "access-request.submitted", "access-request.confirmed", "access-request.approved", "account.temporary-password-changed" })
        {
            Assert.Contains(code, codes);
        }

        // Names are nowhere in clear: not in the database, not in the logs, not in the audit details.
        var database = await server.WithDatabaseAsync(DatabaseText.DumpAsync);
        var logs = string.Join('\n', server.Host.Logs.Lines);
        foreach (var name in new[] { user.GivenName, user.FamilyName, authorizer.GivenName, authorizer.FamilyName })
        {
            Assert.DoesNotContain(name, database, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(name, logs, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("514555", database, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Email, logs, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_rejection_records_and_mails_its_reason()
    {
        var establishment = await EstablishmentAsync(server);
        var user = NewPerson("ANNE", "LI");
        var authorizer = NewPerson("JEAN", "DAMOUR");
        var (reference, link) = await SubmitAsync(server, Form(establishment, user, authorizer), authorizer.Email);
        await ConfirmAsync(server, link);
        var id = await RequestIdAsync(server, reference);

        using var operatorBrowser = await OperatorAsync(server);
        var empty = await operatorBrowser.PostAsync($"/admin/demandes/{id}?handler=Reject", new Dictionary<string, string> { ["Input.Reason"] = "  " }, from: $"/admin/demandes/{id}");
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("Inscrivez le motif du refus", empty.Text, StringComparison.Ordinal);
        const string reason = "L'utilisatrice n'a pas été désignée signataire autorisée par le conseil d'administration.";
        var rejected = await operatorBrowser.PostAsync($"/admin/demandes/{id}?handler=Reject", new Dictionary<string, string> { ["Input.Reason"] = reason });
        Assert.Equal("/admin/demandes?avis=refusee", rejected.Target);

        foreach (var to in new[] { user.Email, authorizer.Email })
        {
            var mails = await server.Mail.WaitForAsync(to, to == user.Email ? 1 : 2);
            Assert.Contains(mails, m => m.Text.Contains(reason, StringComparison.Ordinal) && m.Text.Contains(reference, StringComparison.Ordinal));
        }

        var shown = await operatorBrowser.GetAsync($"/admin/demandes/{id}");
        Assert.Contains(reason, shown.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Approve", shown.Html, StringComparison.Ordinal);
        var (request, audit, accounts) = await server.WithDatabaseAsync(async db => (
            await db.AccessRequests.AsNoTracking().SingleAsync(r => r.Id == id),
            await db.AuditRecords.AsNoTracking().SingleAsync(r => r.Code == "access-request.rejected" && r.Organization == establishment.Id.ToString()),
            await db.Memberships.CountAsync(m => m.OrganizationId == establishment.Id)));
        Assert.Equal(AccessRequestState.Rejected, request.State);
        Assert.Equal(reason, request.RejectionReason);
        Assert.Null(request.AccountId);
        Assert.Equal(0, accounts);
        Assert.DoesNotContain("conseil", audit.Detail ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("same-address", "Input.AuthorizerEmail", "doivent avoir des adresses électroniques différentes")]
    [InlineData("same-address-other-case", "Input.AuthorizerEmail", "doivent avoir des adresses électroniques différentes")]
    [InlineData("shared-user", "Input.UserEmail", "Les adresses de boîte courriel partagée")]
    [InlineData("shared-authorizer", "Input.AuthorizerEmail", "Les adresses de boîte courriel partagée")]
    [InlineData("small-letters", "Input.UserFamilyName", "Écrivez le nom en lettres majuscules")]
    [InlineData("wrong-role", "Input.AuthorizerRole", "Cette fonction ne peut pas autoriser une demande pour ce type d'organisation.")]
    [InlineData("no-installation", "Input.Installations", "Cochez au moins une installation")]
    [InlineData("no-commitment", "Input.CommitPurpose", "Vous devez prendre les deux engagements")]
    public async Task The_rules_of_seed_003_refuse_the_form_with_a_message_and_a_400(string broken, string field, string message)
    {
        var establishment = await EstablishmentAsync(server);
        var user = NewPerson("MARIE", "ROY");
        var authorizer = NewPerson("LUC", "ROY");
        var form = Form(establishment, user, authorizer);
        form[field] = broken switch
        {
            "same-address" => user.Email,
            "same-address-other-case" => user.Email.ToUpperInvariant().Replace("@", "+dsp@", StringComparison.Ordinal),
            "shared-user" => "Reception@cisss-demo.example",
            "shared-authorizer" => "info@cisss-demo.example",
            "small-letters" => "Roy",
            "wrong-role" => "MedecinResponsableGmf",
            "no-installation" => "",
            "no-commitment" => "false",
            _ => throw new ArgumentOutOfRangeException(nameof(broken)),
        };

        using var browser = server.NewBrowser();
        var refused = await browser.PostAsync("/demande-acces", form, from: "/demande-acces");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(message, refused.Text, StringComparison.Ordinal);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.AccessRequests.CountAsync(r => r.OrganizationId == establishment.Id)));

        using var english = server.NewBrowser();
        await english.GetAsync("/demande-acces");
        var switched = await english.PostAsync("/demande-acces?handler=Language&culture=en", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, switched.Status);
        var inEnglish = await english.PostAsync("/demande-acces", form);
        Assert.Equal(HttpStatusCode.BadRequest, inEnglish.Status);
        Assert.DoesNotContain(message, inEnglish.Text, StringComparison.Ordinal);
        Assert.Contains("The form has errors", inEnglish.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_confirmation_link_works_once_and_only_with_its_secret()
    {
        var establishment = await EstablishmentAsync(server);
        var authorizer = NewPerson("LUC", "BOUCHER");
        var (reference, link) = await SubmitAsync(server, Form(establishment, NewPerson("ANNE", "BOUCHER"), authorizer), authorizer.Email);
        var token = link[(link.IndexOf("jeton=", StringComparison.Ordinal) + 6)..];
        var id = token.Split('.')[0];

        using var stranger = server.NewBrowser();
        foreach (var forged in new[] { $"{id}.{new string('A', 43)}", id, "x.y", Guid.NewGuid().ToString("N") + "." + token.Split('.')[1], "" })
        {
            var page = await stranger.GetAsync("/demande-acces/confirmation?jeton=" + Uri.EscapeDataString(forged));
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain(reference, page.Text, StringComparison.Ordinal);
        }

        var forgedPost = await stranger.PostAsync($"/demande-acces/confirmation?jeton={id}.{new string('A', 43)}&handler=Confirm", new Dictionary<string, string> { ["Commit"] = "true" }, from: "/demande-acces");
        Assert.Equal(HttpStatusCode.NotFound, forgedPost.Status);

        using var browser = server.NewBrowser();
        var refused = await browser.PostAsync(link + "&handler=Refuse", Browser.NoFields, from: link);
        Assert.Contains("La demande est refusée", refused.Text, StringComparison.Ordinal);
        var used = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, used.Status);
        Assert.Contains("Ce lien n'est pas valide", used.Text, StringComparison.Ordinal);
        var confirmAfter = await browser.PostAsync(link + "&handler=Confirm", new Dictionary<string, string> { ["Commit"] = "true" });
        Assert.Equal(HttpStatusCode.NotFound, confirmAfter.Status);
        Assert.Equal(AccessRequestState.RefusedByAuthorizer, await server.WithDatabaseAsync(db => db.AccessRequests.Where(r => r.Id == Guid.Parse(id)).Select(r => r.State).SingleAsync()));
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.AuditRecords.CountAsync(r => r.Code == "access-request.refused" && r.Organization == establishment.Id.ToString())));
    }

    [Fact]
    public async Task The_confirmation_link_expires_after_seven_days()
    {
        var establishment = await EstablishmentAsync(server);
        var authorizer = NewPerson("LUC", "PELLETIER");
        var (_, link) = await SubmitAsync(server, Form(establishment, NewPerson("ANNE", "PELLETIER"), authorizer), authorizer.Email);
        server.Host.Clock.Advance(AccessRequest.ConfirmationLifetime + TimeSpan.FromMinutes(1));
        using var browser = server.NewBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(link)).Status);
    }

    [Fact]
    public async Task Only_operators_reach_the_queue_and_the_requests()
    {
        var establishment = await EstablishmentAsync(server);
        var authorizer = NewPerson("LUC", "GAUTHIER");
        var (reference, link) = await SubmitAsync(server, Form(establishment, NewPerson("ANNE", "GAUTHIER"), authorizer), authorizer.Email);
        await ConfirmAsync(server, link);
        var id = await RequestIdAsync(server, reference);

        using var anonymous = server.NewBrowser();
        foreach (var url in new[] { "/admin/demandes", $"/admin/demandes/{id}" })
        {
            var page = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.DoesNotContain(reference, page.Html, StringComparison.Ordinal);
        }

        var (citizen, email) = await Journeys.ConfirmedAccountAsync(server);
        using var signedIn = await Journeys.SignInAsync(server, citizen, email, codesBefore: 1);
        foreach (var url in new[] { "/admin/demandes", $"/admin/demandes/{id}", $"/admin/demandes/{Guid.NewGuid()}" })
        {
            var page = await signedIn.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.StartsWith("/erreur/403", page.Target, StringComparison.Ordinal);
            Assert.DoesNotContain(reference, page.Html, StringComparison.Ordinal);
        }

        var approve = await signedIn.PostAsync($"/admin/demandes/{id}?handler=Approve", new Dictionary<string, string>
        {
            ["Input.Services"] = ProfessionalService.OnlinePaymentAuthorization, ["Input.ValidFrom"] = "2026-11-23", ["Input.ValidUntil"] = "2027-11-23",
        }, from: "/compte");
        Assert.Equal(HttpStatusCode.Redirect, approve.Status);
        Assert.StartsWith("/erreur/403", approve.Target, StringComparison.Ordinal);
        Assert.Equal(AccessRequestState.Confirmed, await server.WithDatabaseAsync(db => db.AccessRequests.Where(r => r.Id == id).Select(r => r.State).SingleAsync()));

        using var operatorBrowser = await OperatorAsync(server);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorBrowser.GetAsync($"/admin/demandes/{Guid.NewGuid()}")).Status);
    }
}
