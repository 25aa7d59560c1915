using System.Net;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Services;
using Sesame.Server.Tests.Support;
using static Sesame.Server.Tests.Features.Proofing.ProofingJourney;

namespace Sesame.Server.Tests.Features.Manage;

/// <summary>
/// Issue 5 where it meets identity proofing: a trusted browser is not enough for a service that requires an
/// identified person, and an identified person who lost every factor recovers them by proving who they are.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class StrongerLevelTests(ServerFixture server)
{
    [Fact]
    public async Task A_trusted_browser_is_asked_for_a_factor_by_a_service_requiring_an_identified_person_then_resumes()
    {
        var person = Person(p => HasRecentNotice(p) && HasValidCardReference(p));
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = server.NewBrowser();
        await browser.PostAsync("/", Journeys.Credentials(username), from: "/");
        await browser.PostAsync("/connexion/code", new Dictionary<string, string> { ["Input.Code"] = await server.Mail.CodeAsync(email, 2), ["Input.TrustBrowser"] = "true" }, from: "/connexion/code");
        await StartAsync(browser, person);
        RedirectsTo("/identification/terminee", await SubmitProofsAsync(browser, NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!)));
        await browser.PostAsync("/deconnexion", Browser.NoFields, from: "/compte");

        // The trusted browser signs in with the password alone.
        Assert.Equal("/compte", (await browser.PostAsync("/", Journeys.Credentials(username), from: "/")).Target);
        var service = await OidcClient.RegisterAsync(server, sector: "ramq-" + Guid.NewGuid().ToString("N")[..6], level: AssuranceLevel.IdentifiedPerson);
        var (_, challenge) = OidcClient.Pkce();
        var asked = await browser.GetAsync(service.AuthorizeUrl(challenge));
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        Assert.StartsWith("/compte/verifier?retour=%2Fconnect%2Fauthorize", asked.Target, StringComparison.Ordinal);

        await browser.PostAsync(asked.Target + "&handler=Send", Browser.NoFields, from: asked.Target);
        var back = await browser.PostAsync(asked.Target + "&handler=EmailCode", new Dictionary<string, string> { ["Code"] = await server.Mail.CodeAsync(email, 3) });
        Assert.StartsWith("/connect/authorize?", back.Target, StringComparison.Ordinal);
        var consent = await browser.GetAsync(back.Target!);
        Assert.Contains("Communication des renseignements personnels", consent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identified_person_who_lost_every_factor_recovers_them_at_once_by_proving_who_they_are()
    {
        var person = Person(p => HasRecentNotice(p) && HasValidCardReference(p));
        string username;
        using (var account = await SignedInAccountAsync(server))
        {
            username = account.Username;
            await StartAsync(account.Browser, person);
            RedirectsTo("/identification/terminee", await SubmitProofsAsync(account.Browser, NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!)));
            await AccountSecurityJourney.EnableAuthenticatorAsync(account.Browser);
        }

        var before = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.PersonId).SingleAsync());
        using var lost = server.NewBrowser();
        Assert.Equal("/connexion/application", (await lost.PostAsync("/", Journeys.Credentials(username), from: "/")).Target);
        var page = await lost.GetAsync("/recuperation");
        Assert.Contains("Confirmer votre identité (immédiat)", page.Text, StringComparison.Ordinal);

        var form = new Dictionary<string, string>
        {
            ["Identity.Identifier"] = person.Nas,
            ["Identity.ProofNumber"] = "Q0000000000",
            ["Identity.ProofConsent"] = "true",
        };
        Assert.Equal((HttpStatusCode)422, (await lost.PostAsync("/recuperation?handler=Identity", form)).Status);
        form["Identity.ProofConsent"] = "false";
        Assert.Equal(HttpStatusCode.BadRequest, (await lost.PostAsync("/recuperation?handler=Identity", form)).Status);
        form["Identity.ProofConsent"] = "true";
        form["Identity.ProofNumber"] = RecentNotice(person);
        var recovered = await lost.PostAsync("/recuperation?handler=Identity", form);
        Assert.Equal("/compte/facteurs?avis=recupere", recovered.Target);

        var user = await server.WithDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == username));
        Assert.False(user.TwoFactorEnabled);
        Assert.Equal(before, user.PersonId);
        Assert.Equal(HttpStatusCode.OK, (await lost.GetAsync("/compte")).Status);
    }
}
