using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Organizations;
using Sesame.Server.Features.Invitations;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.Directory;

/// <summary>
/// Mission.md §5: "Services receive the person's organizations and granted services as claims" — a professional
/// service only, through the allow-list, with public codes and names (docs/decisions/0016).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ProfessionalClaimsTests(ServerFixture server)
{
    /// <summary>A professional holding Rendez-vous santé Québec in one clinic, and only another service in a second one.</summary>
    private async Task<(string Username, Guid UserId, Guid Granting, Guid Other)> ProfessionalOfTwoOrganizationsAsync()
    {
        var (granting, _) = await Professionals.RepresentativeAsync(server);
        var (other, _) = await Professionals.RepresentativeAsync(server);
        var username = await Professionals.ProfessionalAsync(server, granting, "Anne", "Côté-Tremblay", representative: false, [ProfessionalService.RendezVousSante]);
        var userId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync());
        await using (var scope = server.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProfessionalAccounts>().JoinAsync(
                other, userId, [ProfessionalService.OnlinePaymentAuthorization], server.Host.Clock.GetUtcNow(), designatedRepresentative: false, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<Sesame.Core.Data.SesameDbContext>().SaveChangesAsync();
        }

        return (username, userId, granting, other);
    }

    private Task<(string Code, string Name)> OrganizationAsync(Guid id) =>
        server.WithDatabaseAsync(db => db.Organizations.Where(o => o.Id == id).Select(o => new ValueTuple<string, string>(o.Code, o.Name)).SingleAsync());

    private async Task<string> UserInfoAsync(string accessToken)
    {
        using var client = server.Host.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_person_without_a_session_at_a_professional_service_signs_in_at_the_professional_page_and_the_request_resumes()
    {
        var (organizationId, _) = await Professionals.RepresentativeAsync(server);
        var username = await Professionals.ProfessionalAsync(server, organizationId, "Anne", "Li", representative: false, [ProfessionalService.RendezVousSante]);
        var service = await OidcClient.RegisterAsync(server, professionalService: ProfessionalService.RendezVousSante);
        using var browser = server.NewBrowser();
        var (_, challenge) = OidcClient.Pkce();

        // Not the citizen page, which refuses professional accounts: the professional one, with the return address.
        var sent = await browser.GetAsync(service.AuthorizeUrl(challenge, "openid"));
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.StartsWith("/professionnels/connexion?retour=", sent.Target, StringComparison.Ordinal);
        var resume = QueryHelpers.ParseQuery(new Uri(new Uri("https://localhost"), sent.Target).Query)["retour"].ToString();
        Assert.StartsWith("/connect/authorize?", resume, StringComparison.Ordinal);

        // A citizen sent there by mistake keeps the return address through "Connexion des citoyens".
        var signInPage = await browser.GetAsync(sent.Target!);
        Assert.Contains($"href=\"/?retour={System.Text.Encodings.Web.HtmlEncoder.Default.Encode(Uri.EscapeDataString(resume))}\"", signInPage.Html, StringComparison.Ordinal);

        // Password and questions, then the very request resumes on the consent page.
        await Professionals.SignInAsync(server, username, resume, browser);
        var consent = await browser.GetAsync(resume);
        Assert.Equal(HttpStatusCode.OK, consent.Status);
        Assert.Contains("les organisations où ce service vous est accordé", consent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_professional_service_receives_the_organizations_granting_it_in_the_id_token_and_userinfo()
    {
        var (username, userId, granting, other) = await ProfessionalOfTwoOrganizationsAsync();
        var service = await OidcClient.RegisterAsync(server, professionalService: ProfessionalService.RendezVousSante);
        using var browser = await Professionals.SignInAsync(server, username);

        var (_, challenge) = OidcClient.Pkce();
        var consent = await browser.GetAsync(service.AuthorizeUrl(challenge, "openid"));
        Assert.Equal(HttpStatusCode.OK, consent.Status);
        Assert.Contains("les organisations où ce service vous est accordé", consent.Text, StringComparison.Ordinal);

        var tokens = await service.SignInAsync(browser, "openid");
        var idToken = tokens.GetProperty("id_token").GetString()!;
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        var (code, name) = await OrganizationAsync(granting);

        var claim = OidcClient.Payload(idToken).GetProperty("organizations");
        var only = Assert.Single(claim.EnumerateObject());
        Assert.Equal(code, only.Name);
        Assert.Matches("^ORG-[2-9A-HJKMNP-Z]{10}$", code);
        Assert.Equal(name, only.Value.GetProperty("name").GetString());
        Assert.Equal([ProfessionalService.RendezVousSante], only.Value.GetProperty("services").EnumerateArray().Select(s => s.GetString()));

        var userInfo = await UserInfoAsync(accessToken);
        var fromUserInfo = Assert.Single(JsonDocument.Parse(userInfo).RootElement.GetProperty("organizations").EnumerateObject());
        Assert.Equal(code, fromUserInfo.Name);
        Assert.Equal(name, fromUserInfo.Value.GetProperty("name").GetString());

        // Nothing internal leaves: not the account, the person, nor any organization's database id; nor the other organization.
        var personId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PersonId).SingleAsync());
        // (The test clinics' names embed their id, which is test data, not something Sesame added: names are left out.)
        var (otherCode, otherName) = await OrganizationAsync(other);
        var decoded = string.Join('\n', OidcClient.Payload(idToken).ToString(), OidcClient.Payload(accessToken).ToString(), JsonDocument.Parse(userInfo).RootElement.ToString())
            .Replace(name, "", StringComparison.Ordinal);
        Assert.DoesNotContain(otherName, decoded, StringComparison.Ordinal);
        foreach (var id in new[] { userId, personId, granting, other })
        {
            Assert.DoesNotContain(id.ToString("D"), decoded, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(id.ToString("N"), decoded, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(otherCode, decoded, StringComparison.Ordinal);
        Assert.DoesNotContain(username, decoded, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_service_gets_no_organizations_from_the_same_professional()
    {
        var (username, _, _, _) = await ProfessionalOfTwoOrganizationsAsync();
        var citizensService = await OidcClient.RegisterAsync(server, email: false);
        using var browser = await Professionals.SignInAsync(server, username);

        var tokens = await citizensService.SignInAsync(browser, "openid");
        Assert.False(OidcClient.Payload(tokens.GetProperty("id_token").GetString()!).TryGetProperty("organizations", out _));
        Assert.False(OidcClient.Payload(tokens.GetProperty("access_token").GetString()!).TryGetProperty("organizations", out _));
        Assert.DoesNotContain("organizations", await UserInfoAsync(tokens.GetProperty("access_token").GetString()!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citizen_at_a_professional_service_gets_no_organizations()
    {
        var service = await OidcClient.RegisterAsync(server, professionalService: ProfessionalService.RendezVousSante);
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);

        var (_, challenge) = OidcClient.Pkce();
        var consent = await browser.GetAsync(service.AuthorizeUrl(challenge, "openid"));
        Assert.DoesNotContain("les organisations où ce service vous est accordé", consent.Text, StringComparison.Ordinal);
        var tokens = await service.SignInAsync(browser, "openid");
        Assert.False(OidcClient.Payload(tokens.GetProperty("id_token").GetString()!).TryGetProperty("organizations", out _));
        Assert.DoesNotContain("organizations", await UserInfoAsync(tokens.GetProperty("access_token").GetString()!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_professional_without_the_service_granted_is_refused_with_access_denied()
    {
        var (_, username) = await Professionals.RepresentativeAsync(server);
        var service = await OidcClient.RegisterAsync(server, professionalService: ProfessionalService.OnlinePaymentAuthorization);
        using var browser = await Professionals.SignInAsync(server, username);

        var (_, challenge) = OidcClient.Pkce();
        var answer = await browser.GetAsync(service.AuthorizeUrl(challenge, "openid"));
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        var query = OidcClient.QueryOf(answer.Location!);
        Assert.StartsWith(OidcClient.RedirectUri, answer.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("No organization has granted this service to the professional.", query["error_description"]);
        Assert.False(query.ContainsKey("code"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Consents.CountAsync(c => c.ClientId == service.ClientId)));
    }
}
