using System.Net;
using Microsoft.EntityFrameworkCore;
using Sesame.Server.Tests.Support;
using Sesame.Testing;

namespace Sesame.Server.Tests.Features.Manage;

/// <summary>"Confidentialité et alertes": new-place alerts locate the person, so they are off until turned on (Law 25 s.65.0.1).</summary>
[Collection(ServerCollection.Name)]
public sealed class PrivacyTests(ServerFixture server)
{
    [Fact]
    public async Task A_new_account_has_alerts_off_and_a_sign_in_from_a_new_address_keeps_no_place_and_sends_no_alert()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1, address: "203.0.113.7");
        var userId = await UserIdAsync(username);
        Assert.False(await server.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LocationAlertsEnabled).SingleAsync()));

        var page = await browser.GetAsync("/compte/confidentialite");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("65.0.1", page.Text, StringComparison.Ordinal);
        Assert.Contains("désactivée par défaut", page.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.LocationAlerts\" value=\"true\" />", page.Html, StringComparison.Ordinal);

        using (var elsewhere = await Journeys.SignInAsync(server, username, email, codesBefore: 2, address: "198.51.100.20"))
        {
            Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/compte")).Status);
        }

        // Both addresses are in the test city database (Montréal, then Rimouski): alerts off keep nothing.
        Assert.False(await server.WithDatabaseAsync(db => db.SignInPlaces.AnyAsync(p => p.UserId == userId)));
        var mail = await server.Mail.ReceivedAsync(email);
        Assert.DoesNotContain(mail, m => m.Subject.Contains("endroit", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, mail.Count);
    }

    [Fact]
    public async Task Turning_alerts_on_is_saved_and_recorded_and_turning_them_off_forgets_the_places()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        var userId = await UserIdAsync(username);

        var on = await browser.PostAsync("/compte/confidentialite", new Dictionary<string, string> { ["Input.LocationAlerts"] = "true" }, from: "/compte/confidentialite");
        Assert.Equal(HttpStatusCode.OK, on.Status);
        Assert.Contains("Les alertes de connexion depuis un nouvel endroit sont activées.", on.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.LocationAlerts\" value=\"true\" checked", on.Html, StringComparison.Ordinal);
        Assert.True(await server.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LocationAlertsEnabled).SingleAsync()));
        Assert.True(await server.WithDatabaseAsync(db => db.AuditRecords.AnyAsync(r => r.Subject == userId && r.Code == "privacy.location-alerts-enabled")));

        // With alerts on, places are kept (as keyed hashes): the first one sends nothing, a new one an alert
        // naming it (from the MaxMind-format city database), the same place again nothing.
        // Mails so far: the confirmation code and a sign-in code; the alert comes after the fourth mail's code,
        // and is awaited before the next sign-in (mails queued at one instant of the fake clock may swap).
        using (await Journeys.SignInAsync(server, username, email, codesBefore: 2, address: "203.0.113.7"))
        using (await Journeys.SignInAsync(server, username, email, codesBefore: 3, address: "198.51.100.20"))
        {
            await server.Mail.WaitForAsync(email, 5);
        }

        using var samePlace = await Journeys.SignInAsync(server, username, email, codesBefore: 5, address: "198.51.100.21");

        Assert.Equal(2, await server.WithDatabaseAsync(db => db.SignInPlaces.CountAsync(p => p.UserId == userId)));
        var alert = (await server.Mail.WaitForAsync(email, 6)).Single(m => m.Subject.Contains("nouvel endroit", StringComparison.Ordinal));
        Assert.Contains("Rimouski, Québec, Canada", alert.Text, StringComparison.Ordinal);
        Assert.Contains("/compte/ce-n-etait-pas-moi?jeton=", MailServer.LinkIn(alert), StringComparison.Ordinal);
        Assert.DoesNotContain(await server.WithDatabaseAsync(db => db.SignInPlaces.Where(p => p.UserId == userId).Select(p => p.PlaceHash).ToListAsync()),
            hash => System.Text.Encoding.UTF8.GetString(hash).Contains("Rimouski", StringComparison.Ordinal));

        var off = await browser.PostAsync("/compte/confidentialite", Browser.NoFields, from: "/compte/confidentialite");
        Assert.Equal(HttpStatusCode.OK, off.Status);
        Assert.Contains("Aucun endroit n'est conservé.", off.Text, StringComparison.Ordinal);
        Assert.False(await server.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LocationAlertsEnabled).SingleAsync()));
        Assert.False(await server.WithDatabaseAsync(db => db.SignInPlaces.AnyAsync(p => p.UserId == userId)));
        Assert.True(await server.WithDatabaseAsync(db => db.AuditRecords.AnyAsync(r => r.Subject == userId && r.Code == "privacy.location-alerts-disabled")));
    }

    [Fact]
    public async Task A_forged_value_gets_a_message_and_changes_nothing()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        foreach (var value in new[] { "oui", new string('x', 5000), "true\u202E" })
        {
            var page = await browser.PostAsync("/compte/confidentialite", new Dictionary<string, string> { ["Input.LocationAlerts"] = value }, from: "/compte/confidentialite");
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Contains("Ce choix n'est pas valide.", page.Text, StringComparison.Ordinal);
        }

        Assert.False(await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.LocationAlertsEnabled).SingleAsync()));

        var english = await browser.PostAsync("/compte/confidentialite?handler=Language&culture=en", new Dictionary<string, string> { ["Input.LocationAlerts"] = "true" }, from: "/compte/confidentialite");
        Assert.Contains("Alerts for sign-ins from a new place", english.Text, StringComparison.Ordinal);
        Assert.False(await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.LocationAlertsEnabled).SingleAsync()));
    }


    private Task<Guid> UserIdAsync(string username) =>
        server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync());
}
