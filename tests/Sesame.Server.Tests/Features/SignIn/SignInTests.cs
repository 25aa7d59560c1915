using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.SignIn;

[Collection(ServerCollection.Name)]
public sealed partial class SignInTests(ServerFixture server)
{
    [Fact]
    public async Task Password_then_mailed_code_signs_in_with_username_or_email()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using (var byName = await Journeys.SignInAsync(server, username, email, codesBefore: 1))
        {
            var account = await byName.GetAsync("/compte");
            Assert.Equal(HttpStatusCode.OK, account.Status);
            Assert.Contains(username, account.Text, StringComparison.Ordinal);
        }

        using var byEmail = server.NewBrowser();
        var afterPassword = await byEmail.PostAsync("/", Journeys.Credentials(email.ToUpperInvariant()), from: "/");
        Assert.Equal("/connexion/code", afterPassword.Target);
        var code = await server.Mail.CodeAsync(email, 3);
        var afterCode = await byEmail.PostAsync("/connexion/code", new Dictionary<string, string> { ["Input.Code"] = code }, from: "/connexion/code");
        Assert.Equal("/compte", afterCode.Target);
    }

    [Fact]
    public async Task The_session_cookie_is_host_only_secure_httponly_and_lax()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        var browser = server.NewBrowser();
        await browser.PostAsync("/", Journeys.Credentials(username), from: "/");
        var code = await server.Mail.CodeAsync(email, 2);
        var signedIn = await browser.PostAsync("/connexion/code", new Dictionary<string, string> { ["Input.Code"] = code }, from: "/connexion/code");

        var session = signedIn.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-sesame=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
        browser.Dispose();
    }

    [Fact]
    public async Task An_unknown_account_gets_the_same_answer_as_a_wrong_password()
    {
        var (username, _) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = server.NewBrowser();
        var nobody = "personne" + Guid.NewGuid().ToString("N")[..8];
        var wrongPassword = await browser.PostAsync("/", Journeys.Credentials(username, "Pas-Le-Bon-Mot-De-Passe-7"), from: "/");
        var unknown = await browser.PostAsync("/", Journeys.Credentials(nobody, "Pas-Le-Bon-Mot-De-Passe-7"), from: "/");
        var unknownEmail = await browser.PostAsync("/", Journeys.Credentials($"personne.{Guid.NewGuid():N}@exemple.ca", "Pas-Le-Bon-Mot-De-Passe-7"), from: "/");

        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.Status);
        Assert.Equal(wrongPassword.Status, unknown.Status);
        Assert.Equal(wrongPassword.Status, unknownEmail.Status);
        Assert.Equal(WithoutVaryingParts(wrongPassword.Html, username), WithoutVaryingParts(unknown.Html, nobody));
        Assert.Contains("Le nom d'utilisateur, l'adresse courriel ou le mot de passe est invalide.", unknown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_and_mail_the_owner()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = server.NewBrowser();
        await browser.GetAsync("/");
        for (var i = 0; i < 5; i++)
        {
            await browser.PostAsync("/", Journeys.Credentials(username, "Pas-Le-Bon-Mot-De-Passe-7"));
        }

        var withRightPassword = await browser.PostAsync("/", Journeys.Credentials(username));
        Assert.Equal(HttpStatusCode.BadRequest, withRightPassword.Status);
        Assert.Contains("Le nom d'utilisateur, l'adresse courriel ou le mot de passe est invalide.", withRightPassword.Text, StringComparison.Ordinal);

        var lockoutEnd = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(lockoutEnd);
        var remaining = lockoutEnd!.Value - DateTimeOffset.UtcNow;
        Assert.InRange(remaining, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));

        var mails = await server.Mail.WaitForAsync(email, 2);
        Assert.Contains("verrouillé", mails[1].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = server.NewBrowser();
        await browser.PostAsync("/", Journeys.Credentials(username), from: "/");
        var code = await server.Mail.CodeAsync(email, 2);
        var signedIn = await browser.PostAsync("/connexion/code", new Dictionary<string, string> { ["Input.Code"] = code }, from: "/connexion/code");
        var cookie = signedIn.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-sesame=", StringComparison.Ordinal)).Split(';')[0];

        var signedOut = await browser.PostAsync("/deconnexion", Browser.NoFields, from: "/compte");
        Assert.Equal("/?avis=SignIn.Notice.SignedOut", signedOut.Target);

        // Replaying the old cookie from another client no longer opens the account.
        using var replay = new HttpClient(server.Host.Server.CreateHandler()) { BaseAddress = new Uri("https://localhost") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/compte");
        request.Headers.Add("Cookie", cookie);
        var response = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.UserSessions.CountAsync(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == username))));
    }

    [Fact]
    public async Task A_session_ends_after_fifteen_idle_minutes()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        server.Host.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compte")).Status);

        server.Host.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/compte")).Status);
    }

    [Fact]
    public async Task The_idle_scripts_sign_out_after_the_server_ended_the_session_says_why()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        await browser.GetAsync("/compte");

        // The page's script posts its sign-out form once 15 minutes have passed without activity; the server's
        // own limit has ended the session by then, so the token the page carried is a signed-in person's.
        server.Host.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var expired = await browser.PostAsync("/deconnexion?raison=inactivite", Browser.NoFields);
        Assert.Equal("/?avis=SignIn.Notice.SessionExpired", expired.Target);
        var page = await browser.GetAsync(expired.Target!);
        Assert.Contains("Votre session a pris fin après 15 minutes d'inactivité.", page.Text, StringComparison.Ordinal);

        // Signed in, a sign-out still needs the page's token.
        using var signedIn = await Journeys.SignInAsync(server, username, email, codesBefore: 2);
        Assert.Equal(HttpStatusCode.BadRequest, (await signedIn.Client.PostAsync("/deconnexion", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/compte")).Status);
    }

    private static string WithoutVaryingParts(string html, string identifier) =>
        AntiforgeryValue().Replace(html, "value=\"\"").Replace(identifier, "", StringComparison.Ordinal);

    [GeneratedRegex("value=\"CfDJ[^\"]+\"")]
    private static partial Regex AntiforgeryValue();
}
