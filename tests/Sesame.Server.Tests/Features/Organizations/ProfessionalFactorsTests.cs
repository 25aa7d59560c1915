using System.Net;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Organizations;
using Sesame.Server.Tests.Features.Manage;
using Sesame.Server.Tests.Support;
using Sesame.Testing;

namespace Sesame.Server.Tests.Features.Organizations;

/// <summary>
/// Issue 6, item 1: after the password a professional answers security questions "and may add a stronger factor".
/// Once added it replaces the questions at sign-in; their representative removes it for someone who lost it.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ProfessionalFactorsTests(ServerFixture server)
{
    [Fact]
    public async Task An_authenticator_app_replaces_the_questions_at_sign_in_without_trusted_browser_nor_mail_recovery()
    {
        var (_, username) = await Professionals.RepresentativeAsync(server);
        using (var first = await Professionals.SignInAsync(server, username))
        {
            // Just signed in with the questions: they are recent enough to add a factor at once.
            var home = await first.GetAsync("/organisations");
            Assert.Contains("href=\"/compte/facteurs\"", home.Html, StringComparison.Ordinal);
            var (key, _) = await AccountSecurityJourney.EnableAuthenticatorAsync(first);
            var factors = await first.GetAsync("/compte/facteurs");
            Assert.Contains("Retour à Mes organisations", factors.Text, StringComparison.Ordinal);

            using var next = server.NewBrowser();
            var afterPassword = await next.PostAsync("/professionnels/connexion", Professionals.Credentials(username), from: "/professionnels/connexion");
            Assert.Equal("/connexion/application", afterPassword.Target);
            var questions = await next.GetAsync("/professionnels/connexion/questions");
            Assert.Equal("/professionnels/connexion?avis=SignIn.Notice.StepExpired", questions.Target);

            var step = await next.GetAsync("/connexion/application");
            Assert.DoesNotContain("Input.TrustBrowser", step.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"/recuperation\"", step.Html, StringComparison.Ordinal);
            Assert.Contains("représentant désigné de votre organisation", step.Text, StringComparison.Ordinal);
            Assert.Contains("href=\"/professionnels/connexion\"", step.Html, StringComparison.Ordinal);

            var done = await next.PostAsync("/connexion/application", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow) + 1), ["Input.TrustBrowser"] = "true" });
            Assert.Equal("/compte", done.Target);
            // A "trust this browser" posted anyway is not honoured: no trusted-browser cookie.
            Assert.DoesNotContain(done.Response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.Contains("sesame-trusted", StringComparison.Ordinal));
            Assert.Equal("/organisations", (await next.GetAsync("/compte")).Target);
            Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/organisations")).Status);
        }

        var (methods, added) = await server.WithDatabaseAsync(async db =>
        {
            var id = await db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync();
            return (await db.UserSessions.Where(s => s.UserId == id).Select(s => s.Methods).ToListAsync(),
                await db.AuditRecords.CountAsync(r => r.Subject == id && r.Code == "factor.added"));
        });
        // The first session opened with the questions, the second with the app instead.
        Assert.Equal(2, methods.Count);
        Assert.Single(methods, m => m!.Contains("kba", StringComparison.Ordinal) && !m.Contains("otp", StringComparison.Ordinal));
        Assert.Single(methods, m => m!.Contains("otp", StringComparison.Ordinal) && !m.Contains("kba", StringComparison.Ordinal));
        Assert.Equal(1, added);
    }

    [Fact]
    public async Task Without_a_strong_factor_a_professional_confirms_a_change_with_the_same_two_questions_all_session()
    {
        var (_, username) = await Professionals.RepresentativeAsync(server);
        using var browser = await Professionals.SignInAsync(server, username);
        server.Host.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/organisations")).Status);
        server.Host.Clock.Advance(TimeSpan.FromMinutes(11));

        var asked = await browser.GetAsync("/compte/facteurs");
        Assert.Equal("/compte/verifier?retour=%2Fcompte%2Ffacteurs", asked.Target);
        var verify = await browser.GetAsync(asked.Target!);
        Assert.DoesNotContain("Recevoir un code par courriel", verify.Text, StringComparison.Ordinal);
        var questions = Professionals.AskedQuestions(verify, "Answers");
        Assert.Equal(2, questions.Count);
        Assert.Equal(questions, Professionals.AskedQuestions(await browser.GetAsync(asked.Target!), "Answers"));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(asked.Target + "&handler=Send", Browser.NoFields)).Status);

        var wrong = await browser.PostAsync(asked.Target + "&handler=Questions", new Dictionary<string, string>
        {
            [$"Answers[{questions[0]}]"] = Professionals.Answer(questions[0]),
            [$"Answers[{questions[1]}]"] = "Mauvaise réponse",
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("Au moins une réponse est incorrecte.", wrong.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Professionals.Answer(questions[0]), wrong.Html, StringComparison.Ordinal);
        Assert.Equal(questions, Professionals.AskedQuestions(wrong, "Answers"));

        var blank = await browser.PostAsync(asked.Target + "&handler=Questions", new Dictionary<string, string> { [$"Answers[{questions[0]}]"] = Professionals.Answer(questions[0]) });
        Assert.Equal(HttpStatusCode.BadRequest, blank.Status);
        Assert.Contains("Répondez à cette question.", blank.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Professionals.Answer(questions[0]), blank.Html, StringComparison.Ordinal);

        var right = await browser.PostAsync(asked.Target + "&handler=Questions", questions.ToDictionary(q => $"Answers[{q}]", Professionals.Answer));
        Assert.Equal("/compte/facteurs", right.Target);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compte/facteurs")).Status);
    }

    [Fact]
    public async Task The_citizens_account_pages_send_a_professional_to_their_organizations()
    {
        var (_, username) = await Professionals.RepresentativeAsync(server);
        using var browser = await Professionals.SignInAsync(server, username);
        foreach (var page in new[] { "/compte", "/compte/courriel", "/compte/mot-de-passe", "/compte/fermer", "/compte/exporter", "/compte/activite", "/compte/sessions", "/compte/services", "/compte/confidentialite" })
        {
            var answer = await browser.GetAsync(page);
            Assert.True(answer.Target == "/organisations", $"{page} answered {(int)answer.Status} {answer.Target}");
        }
    }

    [Fact]
    public async Task A_representative_removes_the_lost_factors_of_their_user_who_then_signs_in_with_the_questions()
    {
        var (organization, representative) = await Professionals.RepresentativeAsync(server);
        var member = await Professionals.ProfessionalAsync(server, organization, "Marie", "Côté", representative: false, [ProfessionalService.RendezVousSante]);
        using (var phoneLost = await Professionals.SignInAsync(server, member))
        {
            await AccountSecurityJourney.EnableAuthenticatorAsync(phoneLost);
        }

        using var console = await Professionals.SignInAsync(server, representative);
        var path = $"/organisations/{organization}/utilisateurs";
        var list = await console.GetAsync(path);
        Assert.Contains("Retirer les méthodes de connexion", list.Text, StringComparison.Ordinal);
        var membershipId = await server.WithDatabaseAsync(db => db.Memberships
            .Where(m => m.OrganizationId == organization && db.Users.Any(u => u.Id == m.UserId && u.UserName == member)).Select(m => m.Id).SingleAsync());

        var reset = await console.PostAsync($"{path}?handler=ResetFactors", new Dictionary<string, string> { ["membre"] = membershipId.ToString() }, from: path);
        Assert.Equal($"{path}?avis=Organizations.Users.FactorsReset", reset.Target);
        var after = await console.GetAsync(reset.Target!);
        Assert.Contains("Les méthodes de connexion de l'utilisateur ont été retirées.", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Retirer les méthodes de connexion", after.Text, StringComparison.Ordinal);

        // Back to the questions; the record names the representative as the actor.
        using var again = await Professionals.SignInAsync(server, member);
        var (representativeId, record) = await server.WithDatabaseAsync(async db =>
        {
            var memberId = (await db.Users.SingleAsync(u => u.UserName == member)).Id;
            return ((await db.Users.SingleAsync(u => u.UserName == representative)).Id.ToString(),
                await db.AuditRecords.AsNoTracking().SingleAsync(r => r.Subject == memberId && r.Code == "factor.removed"));
        });
        Assert.Equal(representativeId, record.Actor);
        Assert.Equal(organization.ToString(), record.Organization);
    }
}
