using System.Net;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.Account;

/// <summary>Seed 001's security code: 10 minutes, "Recevoir un nouveau code" voids the old, 5 wrong void, 5 an hour.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConfirmEmailTests(ServerFixture server)
{
    private static Dictionary<string, string> Code(string code) => new() { ["Input.Code"] = code };

    [Fact]
    public async Task A_code_expires_after_ten_minutes()
    {
        var (username, email) = ServerFixture.NewPerson();
        using var browser = await Journeys.RegisterAsync(server, username, email);
        var code = await server.Mail.CodeAsync(email);

        server.Host.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var page = await browser.PostAsync("/creer-compte/confirmer", Code(code), from: "/creer-compte/confirmer");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Ce code a expiré ou a été remplacé.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_code_voids_the_previous_one()
    {
        var (username, email) = ServerFixture.NewPerson();
        using var browser = await Journeys.RegisterAsync(server, username, email);
        var first = await server.Mail.CodeAsync(email);

        var resent = await browser.PostAsync("/creer-compte/confirmer?handler=Resend", Browser.NoFields, from: "/creer-compte/confirmer");
        Assert.Contains("Un nouveau code vous a été envoyé.", resent.Text, StringComparison.Ordinal);
        var second = await server.Mail.CodeAsync(email, 2);

        if (first != second)
        {
            var old = await browser.PostAsync("/creer-compte/confirmer", Code(first));
            Assert.Equal(HttpStatusCode.BadRequest, old.Status);
        }

        var accepted = await browser.PostAsync("/creer-compte/confirmer", Code(second));
        Assert.Equal("/creer-compte/termine", accepted.Target);
    }

    [Fact]
    public async Task Five_wrong_entries_void_the_code()
    {
        var (username, email) = ServerFixture.NewPerson();
        using var browser = await Journeys.RegisterAsync(server, username, email);
        var code = await server.Mail.CodeAsync(email);
        var wrong = code == "000000" ? "111111" : "000000";

        await browser.GetAsync("/creer-compte/confirmer");
        Page page = null!;
        for (var i = 0; i < 5; i++)
        {
            page = await browser.PostAsync("/creer-compte/confirmer", Code(wrong));
        }

        Assert.Contains("Ce code a été annulé après 5 essais invalides.", page.Text, StringComparison.Ordinal);
        var right = await browser.PostAsync("/creer-compte/confirmer", Code(code));
        Assert.Equal(HttpStatusCode.BadRequest, right.Status);
    }

    [Fact]
    public async Task At_most_five_codes_are_sent_in_an_hour()
    {
        var (username, email) = ServerFixture.NewPerson();
        using var browser = await Journeys.RegisterAsync(server, username, email);
        await browser.GetAsync("/creer-compte/confirmer");
        for (var i = 0; i < 4; i++)
        {
            var sent = await browser.PostAsync("/creer-compte/confirmer?handler=Resend", Browser.NoFields);
            Assert.Equal(HttpStatusCode.OK, sent.Status);
        }

        var refused = await browser.PostAsync("/creer-compte/confirmer?handler=Resend", Browser.NoFields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Vous avez demandé 5 codes dans la dernière heure.", refused.Text, StringComparison.Ordinal);
        await server.Mail.WaitForAsync(email, 5);
        Assert.Equal(5, (await server.Mail.ReceivedAsync(email)).Count);

        // An hour later the confirmation step has expired too: signing in again sends a sixth code.
        server.Host.Clock.Advance(TimeSpan.FromHours(1));
        var again = await browser.PostAsync("/", Journeys.Credentials(username), from: "/");
        Assert.Equal("/creer-compte/confirmer", again.Target);
        await server.Mail.WaitForAsync(email, 6);
    }

    [Fact]
    public async Task An_unconfirmed_account_cannot_sign_in_and_is_sent_to_confirm()
    {
        var (username, email) = ServerFixture.NewPerson();
        using (await Journeys.RegisterAsync(server, username, email))
        {
        }

        using var browser = server.NewBrowser();
        var page = await browser.PostAsync("/", Journeys.Credentials(username), from: "/");
        Assert.Equal("/creer-compte/confirmer", page.Target);

        var account = await browser.GetAsync("/compte");
        Assert.Equal(HttpStatusCode.Redirect, account.Status);
        Assert.StartsWith("/?retour=", account.Target, StringComparison.Ordinal);
        await server.Mail.WaitForAsync(email, 2);
    }

    [Fact]
    public async Task A_malformed_code_is_refused_with_a_message()
    {
        var (username, email) = ServerFixture.NewPerson();
        using var browser = await Journeys.RegisterAsync(server, username, email);
        var page = await browser.PostAsync("/creer-compte/confirmer", Code("12a456"), from: "/creer-compte/confirmer");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Le code de sécurité compte six chiffres.", page.Text, StringComparison.Ordinal);
    }
}
