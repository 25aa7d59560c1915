using System.Net;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Organizations;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.Invitations;

/// <summary>Seed 004's story from the invited person's side: the mail, "Création du compte", the first sign-in.</summary>
[Collection(ServerCollection.Name)]
public sealed class InvitationTests(ServerFixture server)
{
    private static string NewEmail() => $"anne.{Guid.NewGuid().ToString("N")[..10]}@exemple.ca";

    [Fact]
    public async Task The_invited_person_creates_the_account_signs_in_and_has_the_service()
    {
        var (organizationId, representativeUsername) = await Professionals.RepresentativeAsync(server, "Louis", "Côté-Tremblay");
        using var representative = await Professionals.SignInAsync(server, representativeUsername);
        var email = NewEmail();

        var path = $"/organisations/{organizationId}/utilisateurs/ajouter";
        var added = await representative.PostAsync(path, Professionals.Invitation(email), from: path);
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Contains("L'ajout de Anne Li a été effectué.", added.Text, StringComparison.Ordinal);
        Assert.Contains("Pour des raisons de sécurité, veuillez lui transmettre ce code en évitant le courriel.", added.Text, StringComparison.Ordinal);
        var code = Professionals.CodeOn(added);

        var mail = (await server.Mail.WaitForAsync(email)).Single();
        Assert.Contains("Madame,", mail.Text, StringComparison.Ordinal);
        Assert.Contains("votre représentant, Monsieur Louis Côté-Tremblay, devra vous avoir communiqué un code secret", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Créer un compte", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(code, mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(code, mail.Html, StringComparison.Ordinal);
        var link = new Uri(Sesame.Testing.MailServer.LinkIn(mail)).PathAndQuery;
        Assert.DoesNotContain("Anne", link, StringComparison.OrdinalIgnoreCase);

        var username = Professionals.NewUsername("anne");
        var created = await Professionals.CreateAccountAsync(server, link, code, username);
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        Assert.Equal("/professionnels/connexion?avis=Invitation.Created", created.Target);

        using var professional = await Professionals.SignInAsync(server, username);
        var home = await professional.GetAsync("/organisations");
        Assert.Contains("Rendez-vous santé Québec", home.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Inscription d'utilisateurs par un représentant désigné", home.Text, StringComparison.Ordinal);

        var (membership, account, profile, audits, signIns) = await server.WithDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == username);
            var member = await db.Memberships.Include(m => m.Services).SingleAsync(m => m.UserId == user.Id);
            var kept = await db.ProfessionalProfiles.SingleAsync(p => p.UserId == user.Id);
            var records = await db.AuditRecords.Where(a => a.Organization == organizationId.ToString()).Select(a => a.Code).ToListAsync();
            var signedIn = await db.AuditRecords.Where(a => a.Subject == user.Id && a.Code == "session.signed-in").Select(a => a.Detail).ToListAsync();
            return (member, user, kept, records, signedIn);
        });
        Assert.Equal(organizationId, membership.OrganizationId);
        Assert.False(membership.IsDesignatedRepresentative);
        Assert.Equal([ProfessionalService.RendezVousSante], membership.Services.Select(s => s.ServiceCode));
        Assert.Equal(AccountPopulation.Professional, account.Population);
        Assert.Null(account.Email);
        Assert.Equal(server.Host.Clock.GetUtcNow(), profile.UsagePolicyAcceptedAt, TimeSpan.FromMinutes(1));
        Assert.Contains("invitation.sent", audits);
        Assert.Contains("invitation.accepted", audits);
        Assert.Contains("account.professional-created", audits);
        Assert.Equal(["pwd+questions-securite"], signIns);

        // The representative now sees the person among the clinic's users, and no pending invitation.
        var users = await representative.GetAsync($"/organisations/{organizationId}/utilisateurs");
        Assert.Contains(username, users.Text, StringComparison.Ordinal);
        Assert.Contains("Aucune invitation en attente.", users.Text, StringComparison.Ordinal);

        // The link is spent.
        using var again = server.NewBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync(link)).Status);
    }

    [Fact]
    public async Task Five_wrong_codes_void_the_invitation()
    {
        var (organizationId, representativeUsername) = await Professionals.RepresentativeAsync(server);
        using var representative = await Professionals.SignInAsync(server, representativeUsername);
        var email = NewEmail();
        var (code, link) = await Professionals.InviteAsync(server, representative, organizationId, email);
        var wrong = code == "Abcd1234" ? "Abcd1235" : "Abcd1234";
        var (browser, acceptance) = await Professionals.AcceptPolicyAsync(server, link);
        using (browser)
        {
            for (var attempt = 1; attempt < 5; attempt++)
            {
                var refused = await browser.PostAsync(link, Professionals.Account(acceptance, wrong, Professionals.NewUsername()));
                Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
                Assert.Contains("Ce code secret n'est pas le bon.", refused.Text, StringComparison.Ordinal);
            }

            var fifth = await browser.PostAsync(link, Professionals.Account(acceptance, wrong, Professionals.NewUsername()));
            Assert.Equal(HttpStatusCode.BadRequest, fifth.Status);
            Assert.Contains("Trop de codes erronés : l'invitation est annulée.", fifth.Text, StringComparison.Ordinal);

            var right = await browser.PostAsync(link, Professionals.Account(acceptance, code, Professionals.NewUsername()));
            Assert.Equal(HttpStatusCode.NotFound, right.Status);
        }

        var console = await representative.GetAsync($"/organisations/{organizationId}/utilisateurs");
        Assert.Contains("Annulée après 5 codes erronés", console.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_invitation_expires_after_seven_days()
    {
        // A server of its own: a week on the shared clock would carry the other tests into another tax year.
        var own = new ServerFixture();
        await own.InitializeAsync();
        try
        {
            var (organizationId, representativeUsername) = await Professionals.RepresentativeAsync(own);
            using var representative = await Professionals.SignInAsync(own, representativeUsername);
            var (code, link) = await Professionals.InviteAsync(own, representative, organizationId, NewEmail());
            var (browser, acceptance) = await Professionals.AcceptPolicyAsync(own, link);
            using (browser)
            {
                own.Host.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
                using (var inTime = own.NewBrowser())
                {
                    Assert.Equal(HttpStatusCode.OK, (await inTime.GetAsync(link)).Status);
                }

                own.Host.Clock.Advance(TimeSpan.FromMinutes(1));
                using var late = own.NewBrowser();
                Assert.Equal(HttpStatusCode.NotFound, (await late.GetAsync(link)).Status);
                var refused = await browser.PostAsync(link, Professionals.Account(acceptance, code, Professionals.NewUsername()));
                Assert.Equal(HttpStatusCode.NotFound, refused.Status);
                Assert.Contains("Ce lien d'invitation n'est pas valide", refused.Text, StringComparison.Ordinal);
            }

            // The representative can send it again: a new week, a new code.
            using var again = await Professionals.SignInAsync(own, representativeUsername);
            var console = $"/organisations/{organizationId}/utilisateurs";
            var listed = await again.GetAsync(console);
            Assert.Contains("Expirée", listed.Text, StringComparison.Ordinal);
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_second_invitation_to_an_address_already_invited_is_refused_until_the_first_is_revoked()
    {
        var (organizationId, representativeUsername) = await Professionals.RepresentativeAsync(server);
        using var representative = await Professionals.SignInAsync(server, representativeUsername);
        var email = NewEmail();
        await Professionals.InviteAsync(server, representative, organizationId, email);

        var path = $"/organisations/{organizationId}/utilisateurs/ajouter";
        var again = await representative.PostAsync(path, Professionals.Invitation(email.ToUpperInvariant()), from: path);
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Contains("Une invitation est déjà en attente pour cette adresse.", again.Text, StringComparison.Ordinal);
        Assert.Single(await server.Mail.ReceivedAsync(email));
        var invitationId = await server.WithDatabaseAsync(db => db.Invitations.Where(i => i.Email == email).Select(i => i.Id).SingleAsync());

        var console = $"/organisations/{organizationId}/utilisateurs";
        await representative.PostAsync($"{console}?handler=Revoke", new Dictionary<string, string> { ["invitation"] = invitationId.ToString() }, from: console);
        var afterRevoke = await representative.PostAsync(path, Professionals.Invitation(email), from: path);
        Assert.Equal(HttpStatusCode.OK, afterRevoke.Status);
        Assert.Equal(2, await server.WithDatabaseAsync(db => db.Invitations.CountAsync(i => i.Email == email)));
    }

    [Fact]
    public async Task Sending_again_voids_the_old_code_and_link()
    {
        var (organizationId, representativeUsername) = await Professionals.RepresentativeAsync(server);
        using var representative = await Professionals.SignInAsync(server, representativeUsername);
        var email = NewEmail();
        var (oldCode, oldLink) = await Professionals.InviteAsync(server, representative, organizationId, email);
        var invitationId = await server.WithDatabaseAsync(db => db.Invitations.Where(i => i.Email == email).Select(i => i.Id).SingleAsync());

        var console = $"/organisations/{organizationId}/utilisateurs";
        var resent = await representative.PostAsync($"{console}?handler=Resend", new Dictionary<string, string> { ["invitation"] = invitationId.ToString() }, from: console);
        Assert.Equal(HttpStatusCode.OK, resent.Status);
        Assert.Contains("L'ancien code secret et l'ancien lien ne fonctionnent plus.", resent.Text, StringComparison.Ordinal);
        var newCode = Professionals.CodeOn(resent);
        Assert.NotEqual(oldCode, newCode);
        var newLink = new Uri(Sesame.Testing.MailServer.LinkIn((await server.Mail.WaitForAsync(email, 2))[1])).PathAndQuery;
        Assert.NotEqual(oldLink, newLink);

        using (var old = server.NewBrowser())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await old.GetAsync(oldLink)).Status);
        }

        var withOldCode = await Professionals.CreateAccountAsync(server, newLink, oldCode, Professionals.NewUsername());
        Assert.Equal(HttpStatusCode.BadRequest, withOldCode.Status);
        Assert.Contains("Ce code secret n'est pas le bon.", withOldCode.Text, StringComparison.Ordinal);

        var created = await Professionals.CreateAccountAsync(server, newLink, newCode, Professionals.NewUsername());
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var audits = await server.WithDatabaseAsync(db => db.AuditRecords.Where(a => a.Organization == organizationId.ToString()).Select(a => a.Code).ToListAsync());
        Assert.Contains("invitation.resent", audits);
        Assert.Contains("invitation.code-failed", audits);
    }

    [Fact]
    public async Task A_revoked_invitation_cannot_be_accepted()
    {
        var (organizationId, representativeUsername) = await Professionals.RepresentativeAsync(server);
        using var representative = await Professionals.SignInAsync(server, representativeUsername);
        var email = NewEmail();
        var (_, link) = await Professionals.InviteAsync(server, representative, organizationId, email);
        var invitationId = await server.WithDatabaseAsync(db => db.Invitations.Where(i => i.Email == email).Select(i => i.Id).SingleAsync());

        var console = $"/organisations/{organizationId}/utilisateurs";
        var revoked = await representative.PostAsync($"{console}?handler=Revoke", new Dictionary<string, string> { ["invitation"] = invitationId.ToString() }, from: console);
        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);

        using var browser = server.NewBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(link)).Status);
        var audits = await server.WithDatabaseAsync(db => db.AuditRecords.Where(a => a.Organization == organizationId.ToString()).Select(a => a.Code).ToListAsync());
        Assert.Contains("invitation.revoked", audits);
    }

    [Theory]
    [InlineData("12345678", "Le mot de passe doit commencer et finir par une lettre.")]
    [InlineData("abcdefgh", "Le mot de passe doit contenir des lettres et des chiffres.")]
    [InlineData("a12345b", "Le mot de passe doit compter au moins 8 caractères.")]
    public async Task The_professional_password_rules_are_named(string password, string message)
    {
        var (organizationId, representativeUsername) = await Professionals.RepresentativeAsync(server);
        using var representative = await Professionals.SignInAsync(server, representativeUsername);
        var (code, link) = await Professionals.InviteAsync(server, representative, organizationId, NewEmail());

        var refused = await Professionals.CreateAccountAsync(server, link, code, Professionals.NewUsername(), password);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(message, refused.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, refused.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_username_must_be_an_address_form_and_free_and_the_citizen_rules_do_not_apply()
    {
        var (organizationId, representativeUsername) = await Professionals.RepresentativeAsync(server);
        using var representative = await Professionals.SignInAsync(server, representativeUsername);
        var (code, link) = await Professionals.InviteAsync(server, representative, organizationId, NewEmail());

        var notAnAddress = await Professionals.CreateAccountAsync(server, link, code, "annelix2003");
        Assert.Equal(HttpStatusCode.BadRequest, notAnAddress.Status);
        Assert.Contains("Le nom d'utilisateur doit prendre la forme d'une adresse de courriel", notAnAddress.Text, StringComparison.Ordinal);

        var taken = await Professionals.CreateAccountAsync(server, link, code, representativeUsername.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.BadRequest, taken.Status);
        Assert.Contains("Ce nom d'utilisateur est déjà utilisé.", taken.Text, StringComparison.Ordinal);

        // A repetition and a sequence are refused to citizens only; a citizen's e-mail may be a professional's username.
        var (_, citizenEmail) = await Journeys.ConfirmedAccountAsync(server);
        var created = await Professionals.CreateAccountAsync(server, link, code, citizenEmail, "aaaa1234b");
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var emails = await server.WithDatabaseAsync(db => db.Users.Where(u => u.NormalizedEmail == citizenEmail.ToUpperInvariant() || u.NormalizedUserName == citizenEmail.ToUpperInvariant()).Select(u => new { u.Population, u.Email }).ToListAsync());
        Assert.Equal(2, emails.Count);
        Assert.Null(emails.Single(u => u.Population == AccountPopulation.Professional).Email);
    }

    [Fact]
    public async Task The_security_answers_and_names_are_not_kept_in_clear()
    {
        var (organizationId, representativeUsername) = await Professionals.RepresentativeAsync(server, "Zoé", "Roy");
        using var representative = await Professionals.SignInAsync(server, representativeUsername);
        var (code, link) = await Professionals.InviteAsync(server, representative, organizationId, NewEmail());
        var username = Professionals.NewUsername();
        Assert.Equal(HttpStatusCode.Redirect, (await Professionals.CreateAccountAsync(server, link, code, username)).Status);

        var (answers, profile, invitation) = await server.WithDatabaseAsync(async db =>
        {
            var id = await db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync();
            return (await db.SecurityAnswers.Where(a => a.UserId == id).ToListAsync(),
                await db.ProfessionalProfiles.SingleAsync(p => p.UserId == id),
                await db.Invitations.SingleAsync(i => i.AcceptedBy == id));
        });
        Assert.Equal(8, answers.Count);
        foreach (var answer in answers)
        {
            Assert.DoesNotContain("ponse", answer.AnswerHash, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(0x01, Convert.FromBase64String(answer.AnswerHash)[0]);
        }

        foreach (var blob in new[] { profile.Name, invitation.Person })
        {
            var text = System.Text.Encoding.UTF8.GetString(blob);
            Assert.DoesNotContain("Anne", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Li\"", text, StringComparison.Ordinal);
        }

        if (!Sesame.Testing.TestEnvironment.UsePostgres)
        {
            // The database file as a copy would show it: no answer in any form, folded or not.
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(server.Host.ConnectionString).DataSource;
            await using (var checkpoint = new Microsoft.Data.Sqlite.SqliteConnection(server.Host.ConnectionString))
            {
                await checkpoint.OpenAsync();
                await using var command = checkpoint.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(FULL);";
                await command.ExecuteNonQueryAsync();
            }

            var bytes = await File.ReadAllBytesAsync(path);
            foreach (var secret in new[] { Professionals.Answer(3), SecurityQuestions.Normalize(Professionals.Answer(3)) })
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)));
            }
        }
    }

    [Fact]
    public async Task A_person_who_has_an_account_signs_in_and_accepts_with_the_code()
    {
        var (firstOrganization, _) = await Professionals.RepresentativeAsync(server);
        var (secondOrganization, secondRepresentative) = await Professionals.RepresentativeAsync(server);
        var existing = await Professionals.ProfessionalAsync(server, firstOrganization, "Jean", "D'Amour", representative: false, [ProfessionalService.OnlinePaymentAuthorization]);
        using var representative = await Professionals.SignInAsync(server, secondRepresentative);
        var email = NewEmail();
        var (code, link) = await Professionals.InviteAsync(server, representative, secondOrganization, email, hasAccount: "oui");
        var mail = (await server.Mail.WaitForAsync(email)).Single();
        Assert.Contains("Connexion à son compte", mail.Text, StringComparison.Ordinal);

        // Not signed in, the page offers to sign in and come back here.
        using var browser = server.NewBrowser();
        var policy = await browser.GetAsync(link);
        Assert.Contains("Connectez-vous pour accepter l'invitation.", policy.Text, StringComparison.Ordinal);

        await Professionals.SignInAsync(server, existing, returnUrl: link, browser: browser);
        var join = await browser.GetAsync(link);
        Assert.Contains("Accepter l'invitation", join.Text, StringComparison.Ordinal);
        var joined = await browser.PostAsync(link + "&handler=Join", new Dictionary<string, string> { ["Input.Code"] = code });
        Assert.Equal("/organisations", joined.Target);

        var home = await browser.GetAsync("/organisations");
        Assert.Contains("Autorisation des demandes de paiement en ligne", home.Text, StringComparison.Ordinal);
        Assert.Contains("Rendez-vous santé Québec", home.Text, StringComparison.Ordinal);
        var memberships = await server.WithDatabaseAsync(db => db.Memberships.Where(m => db.Users.Any(u => u.Id == m.UserId && u.UserName == existing)).CountAsync());
        Assert.Equal(2, memberships);
    }
}
