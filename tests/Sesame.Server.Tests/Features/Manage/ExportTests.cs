using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Accounts;
using Sesame.Server.Tests.Support;
using static Sesame.Server.Tests.Features.Proofing.ProofingJourney;

namespace Sesame.Server.Tests.Features.Manage;

/// <summary>"Exporter mes données" (Law 25 right of access): everything held about the person, and no secret.</summary>
[Collection(ServerCollection.Name)]
public sealed class ExportTests(ServerFixture server)
{
    [Fact]
    public async Task The_export_holds_the_account_identity_consents_sessions_factors_and_activity_but_no_secret()
    {
        var person = Person(p => HasRecentNotice(p) && HasValidCardReference(p));
        using var account = await SignedInAccountAsync(server);
        var browser = account.Browser;
        await StartAsync(browser, person);
        RedirectsTo("/identification/terminee", await SubmitProofsAsync(browser, NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!)));
        var service = await OidcClient.RegisterAsync(server);
        await service.SignInAsync(browser);

        // An authenticator key and recovery codes, which the export must describe without giving away.
        var (authenticatorKey, recoveryCodes) = await WithUsersAsync(account.Username, async (users, user) =>
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
            return ((await users.GetAuthenticatorKeyAsync(user))!, codes!.ToList());
        });
        var stored = await server.WithDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == account.Username));
        var tickets = await server.WithDatabaseAsync(db => db.UserSessions.Where(s => s.UserId == stored.Id).Select(s => s.ProtectedTicket).ToListAsync());

        var page = await browser.GetAsync("/compte/exporter");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Exporter mes données", page.Text, StringComparison.Ordinal);
        Assert.Contains("art. 83 et 84", page.Text, StringComparison.Ordinal);

        var download = await browser.PostAsync("/compte/exporter", Browser.NoFields);
        Assert.Equal(HttpStatusCode.OK, download.Status);
        Assert.Equal("application/json", download.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("sesame-mes-donnees.json", download.Response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        using var json = JsonDocument.Parse(download.Html);
        var root = json.RootElement;
        var accountPart = root.GetProperty("account");
        Assert.Equal(account.Username, accountPart.GetProperty("username").GetString());
        Assert.Equal(account.Email, accountPart.GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.String, accountPart.GetProperty("createdAt").ValueKind);
        Assert.Equal(JsonValueKind.String, accountPart.GetProperty("lastSignInAt").ValueKind);
        Assert.Equal(JsonValueKind.String, accountPart.GetProperty("identifiedAt").ValueKind);
        Assert.False(accountPart.GetProperty("locationAlertsEnabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, accountPart.GetProperty("closureRequestedAt").ValueKind);

        var identity = root.GetProperty("verifiedIdentity");
        Assert.Equal(person.GivenNames, identity.GetProperty("givenName").GetString());
        Assert.Equal(person.FamilyName, identity.GetProperty("familyName").GetString());
        Assert.Equal(Digits(person.Nas), Digits(identity.GetProperty("socialInsuranceNumber").GetString()!));
        Assert.Equal(person.Nam.Replace(" ", "", StringComparison.Ordinal), identity.GetProperty("healthInsuranceNumber").GetString()!.Replace(" ", "", StringComparison.Ordinal));

        var consent = Assert.Single(root.GetProperty("consents").EnumerateArray());
        Assert.Equal(service.ClientId, consent.GetProperty("service").GetString());
        Assert.Contains("identification_code", consent.GetProperty("claims").EnumerateArray().Select(c => c.GetString()));
        Assert.False(string.IsNullOrEmpty(consent.GetProperty("purpose").GetString()));
        Assert.Equal(JsonValueKind.String, consent.GetProperty("grantedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, consent.GetProperty("withdrawnAt").ValueKind);

        var session = Assert.Single(root.GetProperty("sessions").EnumerateArray());
        Assert.Equal(JsonValueKind.String, session.GetProperty("createdAt").ValueKind);
        Assert.Equal(JsonValueKind.String, session.GetProperty("lastSeenAt").ValueKind);
        Assert.True(session.TryGetProperty("device", out _));

        var factors = root.GetProperty("secondFactors");
        Assert.True(factors.GetProperty("authenticatorApp").GetBoolean());
        Assert.Equal(10, factors.GetProperty("recoveryCodesLeft").GetInt32());
        Assert.Empty(factors.GetProperty("passkeys").EnumerateArray());

        var codes = root.GetProperty("auditRecords").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Contains("account.created", codes);
        Assert.Contains("session.signed-in", codes);
        Assert.Contains("identity.verified", codes);
        Assert.Contains("consent.granted", codes);
        Assert.Contains("personal-information.exported", codes);

        // No secret, whatever its name or encoding.
        foreach (var secret in new[] { stored.PasswordHash!, stored.SecurityStamp!, stored.ConcurrencyStamp!, authenticatorKey }
            .Concat(recoveryCodes)
            .Concat(tickets.Select(Convert.ToBase64String)))
        {
            Assert.DoesNotContain(secret, download.Html, StringComparison.Ordinal);
        }

        foreach (var name in new[] { "passwordHash", "securityStamp", "ticket", "authenticatorKey", "PlaceHash", "NamHash", "NasHash" })
        {
            Assert.DoesNotContain(name, download.Html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.True(await server.WithDatabaseAsync(db => db.AuditRecords.AnyAsync(r => r.Subject == stored.Id && r.Code == "personal-information.exported")));
    }

    [Fact]
    public async Task Without_a_second_factor_from_the_last_20_minutes_the_page_asks_for_one()
    {
        using var account = await SignedInAccountAsync(server);
        var browser = account.Browser;

        // Twenty-two minutes of use (the session stays alive: it ends after 15 idle minutes).
        foreach (var minutes in new[] { 10, 10, 2 })
        {
            server.Host.Clock.Advance(TimeSpan.FromMinutes(minutes));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compte")).Status);
        }

        var page = await browser.GetAsync("/compte/exporter");
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal("/compte/verifier?retour=/compte/exporter", Uri.UnescapeDataString(page.Target!));

        var download = await browser.PostAsync("/compte/exporter", Browser.NoFields, from: "/compte");
        Assert.Equal(HttpStatusCode.Redirect, download.Status);
        Assert.Equal("/compte/verifier?retour=/compte/exporter", Uri.UnescapeDataString(download.Target!));
    }

    private async Task<T> WithUsersAsync<T>(string username, Func<UserManager<SesameUser>, SesameUser, Task<T>> work)
    {
        await using var scope = server.Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SesameUser>>();
        return await work(users, (await users.FindByNameAsync(username))!);
    }

    private static string Digits(string value) => new([.. value.Where(char.IsAsciiDigit)]);
}
