using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Organizations;
using Sesame.Server.Features.Directory;
using Sesame.Server.Oidc;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.Directory;

/// <summary>The directory of professionals (mission.md §5, seed 004's "Ajout dans RVSQ"; docs/decisions/0016).</summary>
[Collection(ServerCollection.Name)]
public sealed class DirectoryTests(ServerFixture server)
{
    private Task<OidcClient> RendezVousAsync() => OidcClient.RegisterAsync(server,
        professionalService: ProfessionalService.RendezVousSante, serviceScopes: [OidcServices.DirectoryScope, OidcServices.ServiceApiScope]);

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> LookUpAsync(string? token, string query, string? language = null)
    {
        using var client = server.Host.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, ProfessionalDirectory.Path + query);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static string For(string username) => "?nomUtilisateur=" + Uri.EscapeDataString(username);

    [Fact]
    public async Task A_grant_outside_the_validity_period_an_operator_recorded_is_not_in_force()
    {
        var (organizationId, _) = await Professionals.RepresentativeAsync(server);
        var username = await Professionals.ProfessionalAsync(server, organizationId, "Léa", "Roy", representative: false, [ProfessionalService.RendezVousSante]);
        var token = await (await RendezVousAsync()).ServiceTokenAsync(OidcServices.DirectoryScope);
        var today = ServiceDays.Today(server.Host.Clock);

        async Task<HttpStatusCode> WithPeriodAsync(DateOnly? from, DateOnly? until)
        {
            await server.WithDatabaseAsync(db => db.MembershipServices
                .Where(s => s.ServiceCode == ProfessionalService.RendezVousSante && db.Memberships.Any(m => m.Id == s.MembershipId && m.OrganizationId == organizationId && db.Users.Any(u => u.Id == m.UserId && u.UserName == username)))
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.ValidFrom, from).SetProperty(s => s.ValidUntil, until)));
            return (await LookUpAsync(token, For(username))).Status;
        }

        Assert.Equal(HttpStatusCode.NotFound, await WithPeriodAsync(today.AddYears(-1), today.AddDays(-1)));
        Assert.Equal(HttpStatusCode.NotFound, await WithPeriodAsync(today.AddDays(1), today.AddYears(1)));
        Assert.Equal(HttpStatusCode.OK, await WithPeriodAsync(today.AddYears(-1), today));
        Assert.Equal(HttpStatusCode.OK, await WithPeriodAsync(today, today.AddYears(1)));

        // The professional sees the period, and when it ran out.
        using var browser = await Professionals.SignInAsync(server, username);
        Assert.Contains($"valide jusqu'au {today.AddYears(1):yyyy-MM-dd}", (await browser.GetAsync("/organisations")).Text, StringComparison.Ordinal);
        await WithPeriodAsync(today.AddYears(-1), today.AddDays(-1));
        Assert.Contains($"expiré depuis le {today.AddDays(-1):yyyy-MM-dd}", (await browser.GetAsync("/organisations")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_professional_service_finds_an_employee_by_username_with_the_code_its_tokens_carry_and_the_read_is_recorded()
    {
        var (organizationId, _) = await Professionals.RepresentativeAsync(server);
        var username = await Professionals.ProfessionalAsync(server, organizationId, "Anne", "Côté-Tremblay", representative: false, [ProfessionalService.RendezVousSante]);
        var service = await RendezVousAsync();
        var token = await service.ServiceTokenAsync(OidcServices.DirectoryScope);

        // The username's case does not matter: it is compared as Identity normalizes it.
        var (status, body, response) = await LookUpAsync(token, For(username.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var entry = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Monsieur", entry.GetProperty("title").GetString());
        Assert.Equal("Anne", entry.GetProperty("given_name").GetString());
        Assert.Equal("Côté-Tremblay", entry.GetProperty("family_name").GetString());
        var organization = Assert.Single(entry.GetProperty("organizations").EnumerateObject());
        var (code, name) = await server.WithDatabaseAsync(db => db.Organizations.Where(o => o.Id == organizationId).Select(o => new ValueTuple<string, string>(o.Code, o.Name)).SingleAsync());
        Assert.Equal(code, organization.Name);
        Assert.Equal(name, organization.Value.GetProperty("name").GetString());
        Assert.Equal([ProfessionalService.RendezVousSante], organization.Value.GetProperty("services").EnumerateArray().Select(s => s.GetString()));

        var userId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync());
        var personId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PersonId).SingleAsync());
        // (The test clinic's name embeds its id, which is test data: the name is left out of this check.)
        var decoded = entry.ToString().Replace(name, "", StringComparison.Ordinal);
        foreach (var id in new[] { userId, personId, organizationId })
        {
            Assert.DoesNotContain(id.ToString("D"), decoded, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(id.ToString("N"), decoded, StringComparison.OrdinalIgnoreCase);
        }

        var read = await server.WithDatabaseAsync(db => db.AuditRecords.AsNoTracking()
            .SingleAsync(r => r.Code == "personal-information.read" && r.Service == service.ClientId));
        Assert.Equal("service:" + service.ClientId, read.Actor);
        Assert.Equal(userId, read.Subject);
        Assert.StartsWith("annuaire:", read.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Tremblay", read.Detail!, StringComparison.Ordinal);
        Assert.DoesNotContain(username, read.Detail!, StringComparison.OrdinalIgnoreCase);

        // The code is the one the person's tokens carry at this service when they sign in afterwards.
        using var browser = await Professionals.SignInAsync(server, username);
        var tokens = await service.SignInAsync(browser, "openid");
        Assert.Equal(entry.GetProperty("sub").GetString(), OidcClient.Payload(tokens.GetProperty("id_token").GetString()!).GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Unknown_usernames_citizens_and_professionals_without_the_service_are_not_found()
    {
        var (organizationId, _) = await Professionals.RepresentativeAsync(server);
        var withoutService = await Professionals.ProfessionalAsync(server, organizationId, "Paul", "Roy", representative: false, [ProfessionalService.ProfessionalAssociation]);
        var token = await (await RendezVousAsync()).ServiceTokenAsync(OidcServices.DirectoryScope);

        foreach (var username in new[] { Professionals.NewUsername("inconnu"), withoutService })
        {
            var (status, body, _) = await LookUpAsync(token, For(username));
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("not_found", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
            Assert.Contains("Aucun professionnel", body, StringComparison.Ordinal);
        }

        Assert.Equal(0, await server.WithDatabaseAsync(db => db.AuditRecords.CountAsync(r => r.Code == "personal-information.read" && r.Detail!.StartsWith("annuaire:") && r.Subject != null
            && db.Users.Any(u => u.Id == r.Subject && u.UserName == withoutService))));
    }

    [Theory]
    [InlineData("", "Le paramètre nomUtilisateur est obligatoire")]
    [InlineData("?nomUtilisateur=", "Le paramètre nomUtilisateur est obligatoire")]
    [InlineData("?nomUtilisateur=%20%20", "Le paramètre nomUtilisateur est obligatoire")]
    [InlineData("?nomUtilisateur=pas-un-courriel", "doit prendre la forme d'une adresse de courriel")]
    [InlineData("?nomUtilisateur=o%27brien%40clinique.exemple", "ne peut contenir que des lettres sans accents")]
    [InlineData("?nomUtilisateur=c%C3%B4t%C3%A9%40clinique.exemple", "ne peut contenir que des lettres sans accents")]
    [InlineData("?nomUtilisateur=a%00b%40clinique.exemple", "doit prendre la forme d'une adresse de courriel")]
    [InlineData("?nomUtilisateur=%E2%80%AEa%40clinique.exemple", "doit prendre la forme d'une adresse de courriel")]
    [InlineData("?nomUtilisateur=a%40b.exemple&nomUtilisateur=c%40d.exemple", "ne peut être donné qu'une fois")]
    public async Task Bad_input_gets_400_with_a_clear_french_message(string query, string message)
    {
        var token = await (await RendezVousAsync()).ServiceTokenAsync(OidcServices.DirectoryScope);
        var (status, body, _) = await LookUpAsync(token, query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = JsonDocument.Parse(body).RootElement;
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
        Assert.Contains(message, error.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_username_gets_400_and_english_when_asked()
    {
        var token = await (await RendezVousAsync()).ServiceTokenAsync(OidcServices.DirectoryScope);
        var (status, body, _) = await LookUpAsync(token, For(new string('a', 300) + "@clinique.exemple"), language: "en-CA,en;q=0.9,fr;q=0.5");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("254", JsonDocument.Parse(body).RootElement.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        var (_, english, _) = await LookUpAsync(token, "", language: "en");
        Assert.Contains("The nomUtilisateur parameter is required", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_valid_token_the_answer_is_401()
    {
        var (status, body, response) = await LookUpAsync(null, For(Professionals.NewUsername()));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);

        var (forged, _, _) = await LookUpAsync("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", For(Professionals.NewUsername()));
        Assert.Equal(HttpStatusCode.Unauthorized, forged);
    }

    [Fact]
    public async Task A_token_without_the_directory_scope_or_of_a_citizens_service_gets_403()
    {
        var rendezVous = await RendezVousAsync();
        var (status, _, _) = await LookUpAsync(await rendezVous.ServiceTokenAsync(OidcServices.ServiceApiScope), For(Professionals.NewUsername()));
        Assert.Equal(HttpStatusCode.Forbidden, status);

        // A citizens' service cannot even be given the scope; asking for it at the token endpoint is refused
        // (OpenIddict answers invalid_request for a scope the client has no permission for).
        var citizens = await OidcClient.RegisterAsync(server);
        var (refused, body) = await citizens.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = OidcServices.DirectoryScope });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("access_token", out _));
    }
}
