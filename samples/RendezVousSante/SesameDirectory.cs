using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace RendezVousSante;

/// <summary>What Sesame's directory answers about a professional (docs/decisions/0016 in Sesame).</summary>
public sealed record DirectoryEntry(
    [property: JsonPropertyName("sub")] string Subject,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("given_name")] string GivenName,
    [property: JsonPropertyName("family_name")] string FamilyName,
    [property: JsonPropertyName("organizations")] Dictionary<string, DirectoryOrganization> Organizations);

public sealed record DirectoryOrganization(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("services")] string[] Services);

/// <summary>The outcome of a lookup: found, not found, refused input (with Sesame's message), or unavailable.</summary>
public sealed record DirectoryResult(DirectoryEntry? Entry, HttpStatusCode Status, string? Message);

/// <summary>
/// Looks a professional up in Sesame's directory with this service's own access token (client credentials,
/// RFC 6749 §4.4), from the token endpoint Sesame's discovery document names.
/// </summary>
public sealed class SesameDirectory(HttpClient http, IOptions<SesameSettings> settings, IOptionsMonitor<OpenIdConnectOptions> oidc)
{
    public const string Scope = "annuaire.professionnels";

    public async Task<DirectoryResult> FindAsync(string username, CancellationToken cancellationToken)
    {
        var sesame = settings.Value;
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);

        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = Scope }),
        };
        // client_secret_basic (RFC 6749 §2.3.1): both parts form-encoded before base64.
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(sesame.ClientId)}:{Uri.EscapeDataString(sesame.ClientSecret)}")));
        using var tokenResponse = await http.SendAsync(tokenRequest, cancellationToken);
        if (!tokenResponse.IsSuccessStatusCode)
        {
            return new DirectoryResult(null, HttpStatusCode.ServiceUnavailable, null);
        }

        using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(cancellationToken));
        var accessToken = token.RootElement.GetProperty("access_token").GetString();

        // The username is the lookup key the directory's contract prescribes (seed 004: "à l'aide du courriel").
        using var request = new HttpRequestMessage(HttpMethod.Get, sesame.Directory + "?nomUtilisateur=" + Uri.EscapeDataString(username));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.AcceptLanguage.ParseAdd("fr-CA");
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new DirectoryResult(JsonSerializer.Deserialize<DirectoryEntry>(body), response.StatusCode, null);
        }

        var message = response.Content.Headers.ContentType?.MediaType == "application/json"
            && JsonDocument.Parse(body).RootElement.TryGetProperty("error_description", out var description) ? description.GetString() : null;
        return new DirectoryResult(null, response.StatusCode, message);
    }
}
