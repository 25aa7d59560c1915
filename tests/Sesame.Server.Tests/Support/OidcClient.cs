using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Services;
using Sesame.Server.Oidc;

namespace Sesame.Server.Tests.Support;

/// <summary>
/// A government service registered with the test server, driving the protocol by hand so that tests can
/// send exactly the requests a spec-breaking client would.
/// </summary>
public sealed partial class OidcClient(ServerFixture server, string clientId, string secret)
{
    public const string RedirectUri = "https://service.exemple.ca/signin-oidc";

    public string ClientId => clientId;

    public string Secret => secret;

    public static async Task<OidcClient> RegisterAsync(
        ServerFixture server,
        string sector = "ramq",
        AssuranceLevel level = AssuranceLevel.Account,
        bool email = true,
        string? professionalService = null,
        IReadOnlyList<string>? serviceScopes = null)
    {
        var clientId = "service-" + Guid.NewGuid().ToString("N")[..10];
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var scope = server.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ServiceRegistration>().RegisterAsync(new ServiceDefinition
        {
            ClientId = clientId,
            Secret = secret,
            NameFr = "Service d'essai " + clientId,
            NameEn = "Test service " + clientId,
            HomePage = "https://service.exemple.ca/",
            Sector = sector,
            RequiredLevel = level,
            AllowedClaims = [ReleasableClaims.IdentificationCode, .. email ? [ReleasableClaims.Email] : Array.Empty<string>(),
                .. professionalService is null ? Array.Empty<string>() : [ReleasableClaims.Organizations]],
            ProfessionalServiceCode = professionalService,
            RedirectUris = [new Uri(RedirectUri)],
            PostLogoutRedirectUris = [new Uri("https://service.exemple.ca/signout-callback-oidc")],
            ServiceScopes = serviceScopes ?? [OidcServices.ServiceApiScope],
        });
        return new OidcClient(server, clientId, secret);
    }

    /// <summary>A PKCE verifier and its S256 challenge (RFC 7636 §4.2).</summary>
    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public string AuthorizeUrl(string challenge, string scope = "openid email offline_access", IDictionary<string, string?>? extra = null, string method = "S256")
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = scope,
            ["state"] = "etat-" + Guid.NewGuid().ToString("N")[..8],
            ["nonce"] = "nonce-" + Guid.NewGuid().ToString("N")[..8],
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = method,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            parameters[key] = value;
        }

        return QueryHelpers.AddQueryString("/connect/authorize", parameters.Where(p => p.Value is not null));
    }

    /// <summary>Runs the authorization request for a signed-in browser, consenting if asked; returns the redirect to the service.</summary>
    public async Task<Uri> AuthorizeAsync(Browser browser, string url, string decision = "accept")
    {
        var page = await browser.GetAsync(url);
        if (page.Status == HttpStatusCode.OK)
        {
            page = await DecideAsync(browser, page, decision);
        }

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        return page.Location!;
    }

    /// <summary>Clicks a button of the consent page: "accept" (Je consens), "refuse" (Je refuse) or "return".</summary>
    public static async Task<Page> DecideAsync(Browser browser, Page consent, string decision)
    {
        var fields = HiddenField().Matches(consent.Html)
            .Where(m => m.Groups[1].Value != "__af")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["decision"] = decision;
        return await browser.PostAsync("/connect/authorize", fields);
    }

    public static IReadOnlyDictionary<string, string> QueryOf(Uri redirect) =>
        QueryHelpers.ParseQuery(redirect.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(IDictionary<string, string> form, string? secretOverride = null)
    {
        using var client = server.Host.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secretOverride ?? secret)}")));
        var response = await client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> RedeemAsync(string code, string verifier) => TokenAsync(new Dictionary<string, string>
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = RedirectUri,
        ["code_verifier"] = verifier,
    });

    public Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(string refreshToken) => TokenAsync(new Dictionary<string, string>
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
    });

    /// <summary>A token of the service on its own behalf (client credentials, RFC 6749 §4.4).</summary>
    public async Task<string> ServiceTokenAsync(string scope)
    {
        var (status, body) = await TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope });
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("access_token").GetString()!;
    }

    public async Task<JsonElement> IntrospectAsync(string token)
    {
        using var client = server.Host.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        var response = await client.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>A signed-in person's full flow: authorize, consent, redeem. Returns the token response.</summary>
    public async Task<JsonElement> SignInAsync(Browser browser, string scope = "openid email offline_access")
    {
        var (verifier, challenge) = Pkce();
        var redirect = await AuthorizeAsync(browser, AuthorizeUrl(challenge, scope));
        var code = QueryOf(redirect)["code"];
        var (status, body) = await RedeemAsync(code, verifier);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    /// <summary>The claims of a JWT's payload (the signature is the client library's business, not these tests').</summary>
    public static JsonElement Payload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Convert.FromBase64String(part)).RootElement.Clone();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
