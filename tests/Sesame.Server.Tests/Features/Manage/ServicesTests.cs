using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.Manage;

[Collection(ServerCollection.Name)]
public sealed partial class ServicesTests(ServerFixture server)
{
    [Fact]
    public async Task Withdrawing_a_consent_revokes_the_services_tokens_and_consent_is_asked_again()
    {
        var service = await OidcClient.RegisterAsync(server);
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        var tokens = await service.SignInAsync(browser);

        var list = await browser.GetAsync("/compte/services");
        Assert.Contains("Service d'essai " + service.ClientId, list.Text, StringComparison.Ordinal);
        var action = WithdrawAction().Match(list.Html).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var withdrawn = await browser.PostAsync(action, Browser.NoFields);

        Assert.Equal(HttpStatusCode.OK, withdrawn.Status);
        Assert.Contains("Votre consentement au service Service d'essai " + service.ClientId + " a été retiré.", withdrawn.Text, StringComparison.Ordinal);
        Assert.Equal("invalid_grant", (await service.RefreshAsync(tokens.GetProperty("refresh_token").GetString()!)).Body.GetProperty("error").GetString());
        Assert.False((await service.IntrospectAsync(tokens.GetProperty("access_token").GetString()!)).GetProperty("active").GetBoolean());
        Assert.NotNull(await server.WithDatabaseAsync(db => db.Consents.Where(c => c.ClientId == service.ClientId).Select(c => c.WithdrawnAt).SingleAsync()));

        var (_, challenge) = OidcClient.Pkce();
        var again = await browser.GetAsync(service.AuthorizeUrl(challenge));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("Communication des renseignements personnels", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_persons_consent_cannot_be_withdrawn_by_its_id()
    {
        var service = await OidcClient.RegisterAsync(server);
        var (owner, ownerEmail) = await Journeys.ConfirmedAccountAsync(server);
        using (var ownerBrowser = await Journeys.SignInAsync(server, owner, ownerEmail, codesBefore: 1))
        {
            await service.SignInAsync(ownerBrowser);
        }

        var consentId = await server.WithDatabaseAsync(db => db.Consents.Where(c => c.ClientId == service.ClientId).Select(c => c.Id).SingleAsync());
        var (intruder, intruderEmail) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, intruder, intruderEmail, codesBefore: 1);
        await browser.GetAsync("/compte/services");
        var attempt = await browser.PostAsync($"/compte/services?id={consentId}&handler=Withdraw", Browser.NoFields);

        Assert.Equal(HttpStatusCode.NotFound, attempt.Status);
        Assert.Null(await server.WithDatabaseAsync(db => db.Consents.Where(c => c.Id == consentId).Select(c => c.WithdrawnAt).SingleAsync()));
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+handler=Withdraw[^\"]*)\"")]
    private static partial Regex WithdrawAction();
}
