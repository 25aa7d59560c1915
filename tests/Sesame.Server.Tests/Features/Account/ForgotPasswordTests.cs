using System.Net;
using Microsoft.EntityFrameworkCore;
using Sesame.Server.Tests.Support;
using Sesame.Testing;

namespace Sesame.Server.Tests.Features.Account;

[Collection(ServerCollection.Name)]
public sealed class ForgotPasswordTests(ServerFixture server)
{
    [Fact]
    public async Task The_answer_reveals_nothing_about_whether_an_account_exists()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = server.NewBrowser();
        var known = await browser.PostAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Input.Identifier"] = username }, from: "/mot-de-passe-oublie");
        var unknown = await browser.PostAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Input.Identifier"] = "inconnu" + Guid.NewGuid().ToString("N")[..8] }, from: "/mot-de-passe-oublie");

        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Equal(known.Status, unknown.Status);
        Assert.Equal(known.Text, unknown.Text);
        Assert.Contains("Si un compte correspond à ce que vous avez saisi", known.Text, StringComparison.Ordinal);
        await server.Mail.WaitForAsync(email, 2);
    }

    [Fact]
    public async Task A_reset_ends_every_session_lifts_the_lock_and_mails_an_alert()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var elsewhere = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/compte")).Status);

        using var browser = server.NewBrowser();
        await browser.PostAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Input.Identifier"] = email }, from: "/mot-de-passe-oublie");
        var link = new Uri(MailServer.LinkIn((await server.Mail.WaitForAsync(email, 3))[2]));
        Assert.Equal("/mot-de-passe-oublie/nouveau", link.AbsolutePath);

        const string newPassword = "Erable-Rouge-Automne-47";
        var reset = await browser.PostAsync(link.PathAndQuery, await ResetFormAsync(browser, link.PathAndQuery, newPassword));
        Assert.Equal("/?avis=SignIn.Notice.PasswordReset", reset.Target);

        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/compte")).Status);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.UserSessions.CountAsync(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == username))));
        var alert = (await server.Mail.WaitForAsync(email, 4))[3];
        Assert.Contains("mot de passe a été modifié", alert.Subject, StringComparison.Ordinal);

        // The link works once; the old password no longer works; the new one does.
        var again = await browser.GetAsync(link.PathAndQuery);
        Assert.Contains("Ce lien n'est plus valide", again.Text, StringComparison.Ordinal);
        var old = await browser.PostAsync("/", Journeys.Credentials(username), from: "/");
        Assert.Equal(HttpStatusCode.BadRequest, old.Status);
        var fresh = await browser.PostAsync("/", Journeys.Credentials(username, newPassword), from: "/");
        Assert.Equal("/connexion/code", fresh.Target);
    }

    [Fact]
    public async Task A_forged_link_is_refused()
    {
        using var browser = server.NewBrowser();
        var page = await browser.GetAsync($"/mot-de-passe-oublie/nouveau?compte={Guid.NewGuid()}&jeton=abc");
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Ce lien n'est plus valide", page.Text, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string>> ResetFormAsync(Browser browser, string url, string password)
    {
        var page = await browser.GetAsync(url);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("https://localhost"), url).Query);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return new Dictionary<string, string>
        {
            ["Input.Account"] = query["compte"]!,
            ["Input.Token"] = query["jeton"]!,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        };
    }
}
