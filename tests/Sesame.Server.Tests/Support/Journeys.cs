using System.Net;

namespace Sesame.Server.Tests.Support;

/// <summary>The steps most tests need, written once: create and confirm an account, sign in.</summary>
public static class Journeys
{
    public static Dictionary<string, string> Registration(string username, string email, string password = ServerFixture.GoodPassword) => new()
    {
        ["Input.Username"] = username,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
        ["Input.AcceptTerms"] = "true",
    };

    /// <summary>Creates an account; returns the browser, left on the confirmation step.</summary>
    public static async Task<Browser> RegisterAsync(ServerFixture server, string username, string email)
    {
        var browser = server.NewBrowser();
        var created = await browser.PostAsync("/creer-compte", Registration(username, email));
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        Assert.Equal("/creer-compte/confirmer", created.Target);
        return browser;
    }

    /// <summary>Creates and confirms an account (which signs the person in), then signs out.</summary>
    public static async Task<(string Username, string Email)> ConfirmedAccountAsync(ServerFixture server)
    {
        var (username, email) = ServerFixture.NewPerson();
        using var browser = await RegisterAsync(server, username, email);
        var code = await server.Mail.CodeAsync(email);
        var confirmed = await browser.PostAsync("/creer-compte/confirmer", new Dictionary<string, string> { ["Input.Code"] = code }, from: "/creer-compte/confirmer");
        Assert.Equal("/creer-compte/termine", confirmed.Target);
        await browser.PostAsync("/deconnexion", new Dictionary<string, string>(), from: "/compte");
        return (username, email);
    }

    public static Dictionary<string, string> Credentials(string identifier, string password = ServerFixture.GoodPassword) => new()
    {
        ["Input.Identifier"] = identifier,
        ["Input.Password"] = password,
    };

    /// <summary>Signs in with password and the mailed code; <paramref name="codesBefore"/> mails came before this one.</summary>
    public static async Task<Browser> SignInAsync(ServerFixture server, string username, string email, int codesBefore, string? address = null)
    {
        var browser = server.NewBrowser(address);
        var afterPassword = await browser.PostAsync("/", Credentials(username), from: "/");
        Assert.Equal("/connexion/code", afterPassword.Target);
        var code = await server.Mail.CodeAsync(email, codesBefore + 1);
        var afterCode = await browser.PostAsync("/connexion/code", new Dictionary<string, string> { ["Input.Code"] = code }, from: "/connexion/code");
        Assert.Equal("/compte", afterCode.Target);
        return browser;
    }
}
