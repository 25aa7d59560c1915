using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Services;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.Connect;

/// <summary>Issue 3's negative tests, each asserting the exact OAuth error, and the identification code's properties.</summary>
[Collection(ServerCollection.Name)]
public sealed class AuthorizeTests(ServerFixture server)
{
    private async Task<(OidcClient Service, Browser Browser, string Username)> SignedInAsync(string sector = "ramq")
    {
        var service = await OidcClient.RegisterAsync(server, sector);
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        return (service, await Journeys.SignInAsync(server, username, email, codesBefore: 1), username);
    }

    [Fact]
    public async Task Discovery_offers_S256_only_and_pairwise_subjects()
    {
        using var client = server.Host.NewClient();
        var discovery = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration")).RootElement;

        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["pairwise"], discovery.GetProperty("subject_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("urn:sesame:loa:identifie", discovery.GetProperty("acr_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.True(discovery.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
    }

    [Fact]
    public async Task The_consent_page_names_the_service_and_what_it_receives_then_codes_flow()
    {
        var (service, browser, _) = await SignedInAsync();
        var (verifier, challenge) = OidcClient.Pkce();
        var consent = await browser.GetAsync(service.AuthorizeUrl(challenge));

        Assert.Equal(HttpStatusCode.OK, consent.Status);
        Assert.Contains("Communication des renseignements personnels", consent.Text, StringComparison.Ordinal);
        Assert.Contains("Service d'essai " + service.ClientId, consent.Text, StringComparison.Ordinal);
        Assert.Contains("votre code d'identification (code unique associé à votre identité)", consent.Text, StringComparison.Ordinal);
        Assert.Contains("votre adresse courriel", consent.Text, StringComparison.Ordinal);

        var redirect = (await OidcClient.DecideAsync(browser, consent, "accept")).Location!;
        var query = OidcClient.QueryOf(redirect);
        Assert.StartsWith(OidcClient.RedirectUri, redirect.ToString(), StringComparison.Ordinal);
        Assert.Equal("https://localhost/", query["iss"]);
        var (status, tokens) = await service.RedeemAsync(query["code"], verifier);
        Assert.Equal(HttpStatusCode.OK, status);
        var idToken = OidcClient.Payload(tokens.GetProperty("id_token").GetString()!);
        Assert.Matches("^[a-z2-7]{26}$", idToken.GetProperty("sub").GetString());
        Assert.Equal("urn:sesame:loa:compte", idToken.GetProperty("acr").GetString());

        // A recorded consent is not asked again.
        var (_, again) = OidcClient.Pkce();
        var second = await browser.GetAsync(service.AuthorizeUrl(again));
        Assert.Equal(HttpStatusCode.Redirect, second.Status);
        Assert.StartsWith(OidcClient.RedirectUri, second.Location!.ToString(), StringComparison.Ordinal);
        browser.Dispose();
    }

    [Fact]
    public async Task Refusing_consent_returns_access_denied_to_the_service()
    {
        var (service, browser, _) = await SignedInAsync();
        var (_, challenge) = OidcClient.Pkce();
        var redirect = await service.AuthorizeAsync(browser, service.AuthorizeUrl(challenge), decision: "refuse");

        Assert.Equal("access_denied", OidcClient.QueryOf(redirect)["error"]);
        browser.Dispose();
    }

    [Fact]
    public async Task Refusing_a_consent_page_shown_again_with_prompt_consent_returns_access_denied()
    {
        var (service, browser, _) = await SignedInAsync();
        await service.SignInAsync(browser);
        var (_, challenge) = OidcClient.Pkce();
        var redirect = await service.AuthorizeAsync(browser, service.AuthorizeUrl(challenge, extra: new Dictionary<string, string?> { ["prompt"] = "consent" }), decision: "refuse");

        Assert.Equal("access_denied", OidcClient.QueryOf(redirect)["error"]);
        Assert.False(OidcClient.QueryOf(redirect).ContainsKey("code"));
        browser.Dispose();
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_refused_without_redirecting()
    {
        var (service, browser, _) = await SignedInAsync();
        var (_, challenge) = OidcClient.Pkce();
        var url = service.AuthorizeUrl(challenge).Replace(Uri.EscapeDataString(OidcClient.RedirectUri), Uri.EscapeDataString("https://attaquant.exemple.com/vol"), StringComparison.Ordinal);
        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.Location);
        browser.Dispose();
    }

    // OpenIddict finds these before it has validated the redirect_uri, so it does not redirect them: the person
    // sees Sesame's page with the OAuth error to pass on to the service (docs/decisions/0009-openid-connect.md).
    [Theory]
    [InlineData(null, null)]
    [InlineData("plain", "plain")]
    public async Task A_request_without_S256_PKCE_is_refused(string? challenge, string? method)
    {
        var (service, browser, _) = await SignedInAsync();
        var url = service.AuthorizeUrl(challenge ?? "", extra: new Dictionary<string, string?> { ["code_challenge"] = challenge, ["code_challenge_method"] = method });
        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.Location);
        Assert.Contains("<code>invalid_request</code>", page.Html, StringComparison.Ordinal);
        browser.Dispose();
    }

    [Fact]
    public async Task An_unknown_scope_is_refused()
    {
        var (service, browser, _) = await SignedInAsync();
        var (_, challenge) = OidcClient.Pkce();
        var page = await browser.GetAsync(service.AuthorizeUrl(challenge, scope: "openid dossier_fiscal"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("<code>invalid_scope</code>", page.Html, StringComparison.Ordinal);
        browser.Dispose();
    }

    [Fact]
    public async Task A_level_the_person_has_not_reached_is_never_given_a_token()
    {
        var (service, browser, _) = await SignedInAsync();
        var (_, challenge) = OidcClient.Pkce();
        var page = await browser.GetAsync(service.AuthorizeUrl(challenge, extra: new Dictionary<string, string?> { ["acr_values"] = "urn:sesame:loa:identifie" }));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Identification requise", page.Text, StringComparison.Ordinal);
        var redirect = (await OidcClient.DecideAsync(browser, page, "return")).Location!;
        Assert.Equal("unmet_authentication_requirements", OidcClient.QueryOf(redirect)["error"]);
        Assert.False(OidcClient.QueryOf(redirect).ContainsKey("code"));
        browser.Dispose();
    }

    [Fact]
    public async Task A_service_that_requires_an_identified_person_gets_no_code_for_an_account()
    {
        var service = await OidcClient.RegisterAsync(server, level: AssuranceLevel.IdentifiedPerson);
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        var (_, challenge) = OidcClient.Pkce();
        var redirect = await service.AuthorizeAsync(browser, service.AuthorizeUrl(challenge, extra: new Dictionary<string, string?> { ["prompt"] = "none" }));

        Assert.Equal("unmet_authentication_requirements", OidcClient.QueryOf(redirect)["error"]);
    }

    [Fact]
    public async Task Prompt_none_without_a_session_answers_login_required_and_a_session_sends_to_sign_in()
    {
        var service = await OidcClient.RegisterAsync(server);
        using var browser = server.NewBrowser();
        var (_, challenge) = OidcClient.Pkce();
        var none = await service.AuthorizeAsync(browser, service.AuthorizeUrl(challenge, extra: new Dictionary<string, string?> { ["prompt"] = "none" }));
        Assert.Equal("login_required", OidcClient.QueryOf(none)["error"]);

        var interactive = await browser.GetAsync(service.AuthorizeUrl(challenge));
        Assert.Equal(HttpStatusCode.Redirect, interactive.Status);
        Assert.StartsWith("/?retour=%2Fconnect%2Fauthorize", interactive.Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_code_is_refused_and_revokes_what_it_issued()
    {
        var (service, browser, _) = await SignedInAsync();
        var (verifier, challenge) = OidcClient.Pkce();
        var code = OidcClient.QueryOf(await service.AuthorizeAsync(browser, service.AuthorizeUrl(challenge)))["code"];
        var (_, first) = await service.RedeemAsync(code, verifier);
        Assert.True((await service.IntrospectAsync(first.GetProperty("access_token").GetString()!)).GetProperty("active").GetBoolean());

        var (status, replay) = await service.RedeemAsync(code, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", replay.GetProperty("error").GetString());
        Assert.False((await service.IntrospectAsync(first.GetProperty("access_token").GetString()!)).GetProperty("active").GetBoolean());
        Assert.Equal("invalid_grant", (await service.RefreshAsync(first.GetProperty("refresh_token").GetString()!)).Body.GetProperty("error").GetString());
        browser.Dispose();
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_a_reused_one_revokes_the_family()
    {
        var (service, browser, _) = await SignedInAsync();
        var tokens = await service.SignInAsync(browser);
        var original = tokens.GetProperty("refresh_token").GetString()!;

        var (status, rotated) = await service.RefreshAsync(original);
        Assert.Equal(HttpStatusCode.OK, status);
        var next = rotated.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(original, next);

        var reuse = await service.RefreshAsync(original);
        Assert.Equal("invalid_grant", reuse.Body.GetProperty("error").GetString());
        Assert.Equal("invalid_grant", (await service.RefreshAsync(next)).Body.GetProperty("error").GetString());
        browser.Dispose();
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused()
    {
        var (service, browser, _) = await SignedInAsync();
        var (verifier, challenge) = OidcClient.Pkce();
        var code = OidcClient.QueryOf(await service.AuthorizeAsync(browser, service.AuthorizeUrl(challenge)))["code"];
        var (status, body) = await service.TokenAsync(
            new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = OidcClient.RedirectUri, ["code_verifier"] = verifier },
            secretOverride: "pas-le-bon-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        browser.Dispose();
    }

    [Fact]
    public async Task An_expired_code_is_refused()
    {
        var (service, browser, _) = await SignedInAsync();
        var (verifier, challenge) = OidcClient.Pkce();
        var code = OidcClient.QueryOf(await service.AuthorizeAsync(browser, service.AuthorizeUrl(challenge)))["code"];
        server.Host.Clock.Advance(TimeSpan.FromMinutes(6));

        var (status, body) = await service.RedeemAsync(code, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        browser.Dispose();
    }

    [Fact]
    public async Task Codes_are_stable_per_sector_different_between_sectors_and_reveal_no_internal_identifier()
    {
        var ramqA = await OidcClient.RegisterAsync(server, "ramq");
        var ramqB = await OidcClient.RegisterAsync(server, "ramq");
        var saaq = await OidcClient.RegisterAsync(server, "saaq");
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);

        var first = await ramqA.SignInAsync(browser);
        var again = await ramqA.SignInAsync(browser);
        var sameSector = await ramqB.SignInAsync(browser);
        var otherSector = await saaq.SignInAsync(browser);
        string Sub(JsonElement tokens) => OidcClient.Payload(tokens.GetProperty("id_token").GetString()!).GetProperty("sub").GetString()!;

        Assert.Equal(Sub(first), Sub(again));
        Assert.Equal(Sub(first), Sub(sameSector));
        Assert.NotEqual(Sub(first), Sub(otherSector));

        var account = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => new { u.Id, u.PersonId }).SingleAsync());
        foreach (var tokens in new[] { first, again, sameSector, otherSector })
        {
            foreach (var name in new[] { "id_token", "access_token" })
            {
                var payload = OidcClient.Payload(tokens.GetProperty(name).GetString()!).GetRawText();
                foreach (var secret in new[] { account.Id.ToString(), account.Id.ToString("N"), account.PersonId.ToString(), account.PersonId.ToString("N"), username })
                {
                    Assert.DoesNotContain(secret, payload, StringComparison.OrdinalIgnoreCase);
                }
            }
        }
    }

    [Fact]
    public async Task Client_credentials_tokens_are_issued_without_a_database_row()
    {
        var service = await OidcClient.RegisterAsync(server);
        var before = await server.WithDatabaseAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>().CountAsync());
        var (status, body) = await service.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "services.api" });

        Assert.Equal(HttpStatusCode.OK, status);
        var payload = OidcClient.Payload(body.GetProperty("access_token").GetString()!);
        Assert.Equal(service.ClientId, payload.GetProperty("sub").GetString());
        Assert.Equal(before, await server.WithDatabaseAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>().CountAsync()));
    }
}
