using System.Net;
using Microsoft.EntityFrameworkCore;
using Sesame.Server.Tests.Features.Manage;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.SignIn;

/// <summary>
/// Seed 004's "Mot de passe oublié?" for professionals, who have no mailbox on file: three security questions, the
/// stronger factor's code if they added one, a new password under seed 004's rules (decision 0017).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ProfessionalForgotPasswordTests(ServerFixture server)
{
    private const string Start = "/professionnels/mot-de-passe-oublie";
    private const string Questions = "/professionnels/mot-de-passe-oublie/questions";
    private const string NewPassword = "Rimouski2027Fleuve";

    private static Dictionary<string, string> Form(IEnumerable<int> asked, Func<int, string> answer, string password = NewPassword, string? code = null)
    {
        var fields = asked.ToDictionary(q => $"Input.Answers[{q}]", answer);
        fields["Input.Password"] = password;
        fields["Input.ConfirmPassword"] = password;
        if (code is not null)
        {
            fields["Input.Code"] = code;
        }

        return fields;
    }

    private static async Task<IReadOnlyList<int>> BeginAsync(Browser browser, string username)
    {
        var started = await browser.PostAsync(Start, new Dictionary<string, string> { ["Username"] = username }, from: Start);
        Assert.Equal(Questions, started.Target);
        return Professionals.AskedQuestions(await browser.GetAsync(Questions));
    }

    [Fact]
    public async Task Three_right_answers_and_a_new_password_replace_the_old_one_and_end_every_session()
    {
        var (_, username) = await Professionals.RepresentativeAsync(server);
        using var signedIn = await Professionals.SignInAsync(server, username);
        using var browser = server.NewBrowser();
        Assert.Contains($"href=\"{Start}\"", (await browser.GetAsync("/professionnels/connexion")).Html, StringComparison.Ordinal);

        var asked = await BeginAsync(browser, username);
        Assert.Equal(3, asked.Count);
        Assert.Equal(asked, Professionals.AskedQuestions(await browser.GetAsync(Questions)));

        var wrong = await browser.PostAsync(Questions, Form(asked, q => q == asked[2] ? "Mauvaise réponse" : Professionals.Answer(q)));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("Les renseignements fournis ne permettent pas de changer le mot de passe.", wrong.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Professionals.Answer(asked[0]), wrong.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(NewPassword, wrong.Html, StringComparison.Ordinal);
        Assert.Equal(asked, Professionals.AskedQuestions(wrong));

        var weak = await browser.PostAsync(Questions, Form(asked, Professionals.Answer, password: "12345678"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.Status);
        Assert.Contains("Le mot de passe doit commencer et finir par une lettre.", weak.Text, StringComparison.Ordinal);

        var done = await browser.PostAsync(Questions, Form(asked, Professionals.Answer));
        Assert.Equal("/professionnels/connexion?avis=SignIn.Notice.PasswordReset", done.Target);
        Assert.Contains("Votre mot de passe a été modifié.", (await browser.GetAsync(done.Target!)).Text, StringComparison.Ordinal);
        Assert.Equal(Start + "?avis=SignIn.Notice.StepExpired", (await browser.GetAsync(Questions)).Target);

        // The session opened before is over; the old password no longer works, the new one does.
        Assert.NotEqual(HttpStatusCode.OK, (await signedIn.GetAsync("/organisations")).Status);
        var old = await browser.PostAsync("/professionnels/connexion", Professionals.Credentials(username), from: "/professionnels/connexion");
        Assert.Equal(HttpStatusCode.BadRequest, old.Status);
        var renewed = await browser.PostAsync("/professionnels/connexion", Professionals.Credentials(username, NewPassword), from: "/professionnels/connexion");
        Assert.Equal("/professionnels/connexion/questions", renewed.Target);

        var codes = await server.WithDatabaseAsync(db => db.AuditRecords.Where(r => db.Users.Any(u => u.UserName == username && r.Subject == u.Id)).Select(r => r.Code).ToListAsync());
        Assert.Contains("account.password-reset", codes);
        Assert.Contains("session.sign-in-failed", codes);
    }

    [Fact]
    public async Task An_unknown_username_gets_the_same_pages_and_the_same_refusal()
    {
        using var browser = server.NewBrowser();
        var empty = await browser.PostAsync(Start, new Dictionary<string, string> { ["Username"] = " " }, from: Start);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("Saisissez votre nom d'utilisateur.", empty.Text, StringComparison.Ordinal);

        var asked = await BeginAsync(browser, Professionals.NewUsername("personne"));
        Assert.Equal(3, asked.Count);
        var refused = await browser.PostAsync(Questions, Form(asked, Professionals.Answer));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Les renseignements fournis ne permettent pas de changer le mot de passe.", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_authenticator_app_the_answers_alone_are_not_enough_and_a_recovery_code_is_spent()
    {
        var (_, username) = await Professionals.RepresentativeAsync(server);
        IReadOnlyList<string> recoveryCodes;
        using (var signedIn = await Professionals.SignInAsync(server, username))
        {
            (_, recoveryCodes) = await AccountSecurityJourney.EnableAuthenticatorAsync(signedIn);
        }

        using var browser = server.NewBrowser();
        var asked = await BeginAsync(browser, username);
        var withoutCode = await browser.PostAsync(Questions, Form(asked, Professionals.Answer));
        Assert.Equal(HttpStatusCode.BadRequest, withoutCode.Status);
        Assert.Contains("Les renseignements fournis ne permettent pas de changer le mot de passe.", withoutCode.Text, StringComparison.Ordinal);

        var done = await browser.PostAsync(Questions, Form(asked, Professionals.Answer, code: recoveryCodes[0]));
        Assert.Equal("/professionnels/connexion?avis=SignIn.Notice.PasswordReset", done.Target);

        // The code is spent; the app still replaces the questions at sign-in.
        using var again = server.NewBrowser();
        var afterPassword = await again.PostAsync("/professionnels/connexion", Professionals.Credentials(username, NewPassword), from: "/professionnels/connexion");
        Assert.Equal("/connexion/application", afterPassword.Target);
        var spent = await again.PostAsync("/connexion/code-recuperation", new Dictionary<string, string> { ["Input.Code"] = recoveryCodes[0] }, from: "/connexion/code-recuperation");
        Assert.Equal(HttpStatusCode.BadRequest, spent.Status);
    }

    [Fact]
    public async Task Five_wrong_attempts_lock_the_account_and_then_the_right_answers_are_refused_too()
    {
        var (_, username) = await Professionals.RepresentativeAsync(server);
        using var browser = server.NewBrowser();
        var asked = await BeginAsync(browser, username);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(Questions, Form(asked, _ => "non"))).Status);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(Questions, Form(asked, Professionals.Answer))).Status);
        using var other = server.NewBrowser();
        Assert.Equal(HttpStatusCode.BadRequest, (await other.PostAsync("/professionnels/connexion", Professionals.Credentials(username), from: "/professionnels/connexion")).Status);
    }
}
