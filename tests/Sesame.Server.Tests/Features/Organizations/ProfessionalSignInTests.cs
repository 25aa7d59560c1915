using System.Net;
using Microsoft.EntityFrameworkCore;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.Organizations;

/// <summary>The professionals' own sign-in: the password, then two of the eight security questions.</summary>
[Collection(ServerCollection.Name)]
public sealed class ProfessionalSignInTests(ServerFixture server)
{
    [Fact]
    public async Task The_questions_asked_stay_the_same_through_the_step_and_answers_are_not_written_back()
    {
        var (_, username) = await Professionals.RepresentativeAsync(server);
        using var browser = server.NewBrowser();
        await browser.PostAsync("/professionnels/connexion", Professionals.Credentials(username), from: "/professionnels/connexion");
        var first = Professionals.AskedQuestions(await browser.GetAsync("/professionnels/connexion/questions"));
        var second = Professionals.AskedQuestions(await browser.GetAsync("/professionnels/connexion/questions"));
        Assert.Equal(first, second);

        var wrong = await browser.PostAsync("/professionnels/connexion/questions", new Dictionary<string, string>
        {
            [$"Input.Answers[{first[0]}]"] = Professionals.Answer(first[0]),
            [$"Input.Answers[{first[1]}]"] = "Mauvaise réponse",
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("Au moins une réponse est incorrecte.", wrong.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Professionals.Answer(first[0]), wrong.Html, StringComparison.Ordinal);

        // Folding: case, accents and spaces do not matter.
        var right = await browser.PostAsync("/professionnels/connexion/questions", first.ToDictionary(q => $"Input.Answers[{q}]", q => "  REPONSE   numero " + q));
        Assert.Equal("/organisations", right.Target);
    }

    [Fact]
    public async Task Wrong_answers_count_towards_the_lockout()
    {
        var (_, username) = await Professionals.RepresentativeAsync(server);
        using var browser = server.NewBrowser();
        await browser.PostAsync("/professionnels/connexion", Professionals.Credentials(username), from: "/professionnels/connexion");
        var asked = Professionals.AskedQuestions(await browser.GetAsync("/professionnels/connexion/questions"));
        Page last = null!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            last = await browser.PostAsync("/professionnels/connexion/questions", asked.ToDictionary(q => $"Input.Answers[{q}]", _ => "non"));
            Assert.Equal(HttpStatusCode.BadRequest, last.Status);
        }

        Assert.Contains("le compte est verrouillé pendant 15 minutes", last.Text, StringComparison.Ordinal);
        var rightNow = await browser.PostAsync("/professionnels/connexion/questions", asked.ToDictionary(q => $"Input.Answers[{q}]", Professionals.Answer));
        Assert.Equal(HttpStatusCode.BadRequest, rightNow.Status);
        using var other = server.NewBrowser();
        var password = await other.PostAsync("/professionnels/connexion", Professionals.Credentials(username), from: "/professionnels/connexion");
        Assert.Equal(HttpStatusCode.BadRequest, password.Status);
    }

    [Fact]
    public async Task Each_population_signs_in_only_at_its_own_page()
    {
        var (_, professional) = await Professionals.RepresentativeAsync(server);
        var (citizen, citizenEmail) = await Journeys.ConfirmedAccountAsync(server);

        using var browser = server.NewBrowser();
        var atCitizens = await browser.PostAsync("/", Journeys.Credentials(professional, Professionals.Password), from: "/");
        Assert.Equal(HttpStatusCode.BadRequest, atCitizens.Status);
        foreach (var identifier in new[] { citizen, citizenEmail })
        {
            var atProfessionals = await browser.PostAsync("/professionnels/connexion", Professionals.Credentials(identifier, ServerFixture.GoodPassword), from: "/professionnels/connexion");
            Assert.Equal(HttpStatusCode.BadRequest, atProfessionals.Status);
            Assert.Contains("Le nom d'utilisateur ou le mot de passe est incorrect.", atProfessionals.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_session_says_password_and_knowledge_based()
    {
        var (_, username) = await Professionals.RepresentativeAsync(server);
        using var browser = await Professionals.SignInAsync(server, username);
        var methods = await server.WithDatabaseAsync(db => db.UserSessions.Where(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == username)).Select(s => s.Methods).ToListAsync());
        Assert.Contains(methods, m => m != null && m.Contains("pwd", StringComparison.Ordinal) && m.Contains("kba", StringComparison.Ordinal));

        // "Mon compte" of a professional is their organizations, not the citizens' account page.
        var account = await browser.GetAsync("/compte");
        Assert.Equal("/organisations", account.Target);
        var home = await browser.GetAsync("/organisations");
        Assert.Contains("href=\"/organisations\"", home.Html, StringComparison.Ordinal);
    }
}
