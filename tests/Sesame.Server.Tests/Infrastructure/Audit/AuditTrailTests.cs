using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Infrastructure;
using Sesame.Server.Tests.Support;
using Sesame.Testing;

namespace Sesame.Server.Tests.Infrastructure.Audit;

/// <summary>
/// The audit trail (issue 7): records written with the change they describe, sealed into a keyed hash chain,
/// and a verify command that names the first record changed, removed or reordered — on SQLite and PostgreSQL,
/// by editing the table directly as someone with database access would.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class AuditTrailTests(ServerFixture server)
{
    [Fact]
    public async Task The_journeys_records_carry_actor_action_nature_time_and_network_and_nothing_in_clear()
    {
        var address = "203.0.113." + Random.Shared.Next(1, 250);
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1, address: address);

        var records = await server.WithDatabaseAsync(db => db.AuditRecords.AsNoTracking()
            .Where(r => db.Users.Any(u => u.UserName == username && u.Id == r.Subject)).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(["account.created", "account.email-confirmed", "session.signed-in"], records.Select(r => r.Code));
        var signedIn = records[2];
        Assert.Equal(signedIn.Subject.ToString(), signedIn.Actor);
        Assert.Equal("authentification", signedIn.Nature);
        Assert.Equal(AuditOutcome.Success, signedIn.Outcome);
        Assert.Equal("203.0.113.0/24", signedIn.Source);
        Assert.Equal(server.Host.Clock.GetUtcNow(), signedIn.OccurredAt);
        Assert.All(records, r => Assert.DoesNotContain(email, $"{r.Actor}{r.Detail}{r.Nature}{r.Source}", StringComparison.OrdinalIgnoreCase));
        Assert.All(records, r => Assert.DoesNotContain(username, $"{r.Actor}{r.Detail}{r.Nature}{r.Source}", StringComparison.OrdinalIgnoreCase));

        var activity = await browser.GetAsync("/compte/activite");
        Assert.Equal(HttpStatusCode.OK, activity.Status);
        Assert.Contains("Création du compte", activity.Text, StringComparison.Ordinal);
        Assert.Contains("Connexion", activity.Text, StringComparison.Ordinal);
        Assert.Contains("203.0.113.0/24", activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untouched_trail_verifies_and_a_changed_removed_or_reordered_record_is_named()
    {
        // A host of its own: this test breaks the trail on purpose.
        using var host = new SesameHost();
        host.Start();
        var mail = new MailServer();
        for (var i = 0; i < 3; i++)
        {
            var (username, email) = ServerFixture.NewPerson();
            using var client = new Browser(host.NewClient());
            var created = await client.PostAsync("/creer-compte", Journeys.Registration(username, email), from: "/creer-compte");
            Assert.Equal(HttpStatusCode.Redirect, created.Status);
            await mail.WaitForAsync(email, 1);
        }

        var (code, output) = await VerifyAsync(host);
        Assert.Equal(0, code);
        Assert.Matches("^intact: 3 records; head 3:[0-9A-F]{64}", output);

        // Changed: the detail of the second record.
        await ExecuteAsync(host, "UPDATE \"AuditRecords\" SET \"Actor\" = 'operator:intrus' WHERE \"Sequence\" = 2");
        (code, output) = await VerifyAsync(host);
        Assert.Equal(1, code);
        Assert.Contains("BROKEN at sequence 2", output, StringComparison.Ordinal);
        Assert.Contains("its content was changed", output, StringComparison.Ordinal);

        // Put back as it was: whole again. Then reordered: the first and third swap their places.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
            var second = await db.AuditRecords.SingleAsync(r => r.Sequence == 2);
            second.Actor = second.Subject!.Value.ToString();
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, (await VerifyAsync(host)).Code);
        await SwapFirstAndThirdAsync(host);
        (code, output) = await VerifyAsync(host);
        Assert.Equal(1, code);
        Assert.Contains("BROKEN at sequence 1", output, StringComparison.Ordinal);

        // Put back, then removed: the second record disappears.
        await SwapFirstAndThirdAsync(host);
        Assert.Equal(0, (await VerifyAsync(host)).Code);
        await ExecuteAsync(host, "DELETE FROM \"AuditRecords\" WHERE \"Sequence\" = 2");
        (code, output) = await VerifyAsync(host);
        Assert.Equal(1, code);
        Assert.Contains("BROKEN at sequence 3", output, StringComparison.Ordinal);
        Assert.Contains("expected sequence 2: a record was removed or reordered", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_retention_period_the_oldest_records_are_pruned_the_rest_verifies_and_tampering_is_still_named()
    {
        // A host of its own: this test moves its clock by years and breaks the trail on purpose.
        using var host = new SesameHost();
        host.Start();
        var mail = new MailServer();
        await CreateAccountsAsync(host, mail, 2);
        host.Clock.SetUtcNow(host.Clock.GetUtcNow().AddYears(10).AddDays(1));
        await CreateAccountsAsync(host, mail, 1);
        Assert.Equal(0, (await VerifyAsync(host)).Code);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.Equal(2, (await scope.ServiceProvider.GetRequiredService<Sesame.Core.Privacy.RetentionSweep>().RunAsync()).AuditRecords);
        }

        // Left: the third account's record (3), the purges of the two accounts never confirmed (4, 5) and the pruning (6).
        var (code, output) = await VerifyAsync(host);
        Assert.Equal(0, code);
        Assert.Matches("^intact: 4 records; head 6:[0-9A-F]{64}", output);
        Assert.Equal(["account.created", "account.purged", "account.purged", AuditPruned.EventCode],
            await WithDatabaseAsync(host, db => db.AuditRecords.OrderBy(r => r.Sequence).Select(r => r.Code).ToListAsync()));

        // A pruning record that lies (its detail edited in the table to name another start) is named.
        var detail = await WithDatabaseAsync(host, db => db.AuditRecords.Where(r => r.Sequence == 6).Select(r => r.Detail!).SingleAsync());
        Assert.StartsWith("through 2 hash ", detail, StringComparison.Ordinal);
        await ExecuteAsync(host, "UPDATE \"AuditRecords\" SET \"Detail\" = 'through 1 hash 00 proof 00' WHERE \"Sequence\" = 6");
        (code, output) = await VerifyAsync(host);
        Assert.Equal(1, code);
        Assert.Contains("BROKEN at sequence 6", output, StringComparison.Ordinal);
        Assert.Contains("its content was changed", output, StringComparison.Ordinal);
        await WithDatabaseAsync(host, async db =>
        {
            (await db.AuditRecords.SingleAsync(r => r.Sequence == 6)).Detail = detail;
            return await db.SaveChangesAsync();
        });
        Assert.Equal(0, (await VerifyAsync(host)).Code);

        // Removed after pruning: the first remaining record goes, which no pruning record vouches for.
        await ExecuteAsync(host, "DELETE FROM \"AuditRecords\" WHERE \"Sequence\" = 3");
        (code, output) = await VerifyAsync(host);
        Assert.Equal(1, code);
        Assert.Contains("BROKEN at sequence 4", output, StringComparison.Ordinal);
        Assert.Contains("no sealed pruning record names sequence 3", output, StringComparison.Ordinal);

        // Covering it with a pruning record of one's own, which the sealer seals, does not help without the audit key.
        await WithDatabaseAsync(host, async db =>
        {
            var link = await db.AuditRecords.Where(r => r.Sequence == 4).Select(r => r.PreviousHash!).SingleAsync();
            new AuditTrail(db, host.Clock).Record(new AuditPruned(3, link, new byte[32]));
            return await db.SaveChangesAsync();
        });
        (code, output) = await VerifyAsync(host);
        Assert.Equal(1, code);
        Assert.Contains("BROKEN at sequence 7", output, StringComparison.Ordinal);
        Assert.Contains("no valid proof", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_reading_the_persons_information_is_recorded_as_the_service()
    {
        var service = await OidcClient.RegisterAsync(server);
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        var tokens = await service.SignInAsync(browser);

        using var client = server.Host.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var read = await server.WithDatabaseAsync(db => db.AuditRecords.AsNoTracking()
            .SingleAsync(r => r.Code == "personal-information.read" && r.Service == service.ClientId));
        Assert.Equal("service:" + service.ClientId, read.Actor);
        Assert.Equal(await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync()), read.Subject);
        Assert.Contains("email", read.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(email, read.Detail!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Lecture de vos renseignements par un service", (await browser.GetAsync("/compte/activite")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_exports_as_csv_and_json()
    {
        await Journeys.ConfirmedAccountAsync(server);
        var from = server.Host.Clock.GetUtcNow().AddMinutes(-1).ToString("O");
        var to = server.Host.Clock.GetUtcNow().AddMinutes(1).ToString("O");
        using var csv = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(server.Host.Services, ["audit", "export", from, to, "csv"], csv));
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,id,occurred_at,code,actor,subject,service,organization,nature,outcome,detail,source,hash", lines[0]);
        Assert.Contains(lines, l => l.Contains(",account.created,", StringComparison.Ordinal));

        using var json = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(server.Host.Services, ["audit", "export", from, to, "json"], json));
        using var document = System.Text.Json.JsonDocument.Parse(json.ToString());
        Assert.Contains(document.RootElement.EnumerateArray(), r => r.GetProperty("code").GetString() == "account.created");

        using var usage = new StringWriter();
        Assert.Equal(2, await OperatorCommands.RunAsync(server.Host.Services, ["audit", "export", "hier"], usage));
    }

    private static async Task<(int Code, string Output)> VerifyAsync(SesameHost host)
    {
        using var output = new StringWriter();
        var code = await OperatorCommands.RunAsync(host.Services, ["audit", "verify"], output);
        return (code, output.ToString());
    }

    private static async Task CreateAccountsAsync(SesameHost host, MailServer mail, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (username, email) = ServerFixture.NewPerson();
            using var client = new Browser(host.NewClient());
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/creer-compte", Journeys.Registration(username, email), from: "/creer-compte")).Status);
            await mail.WaitForAsync(email, 1);
        }
    }

    private static async Task<T> WithDatabaseAsync<T>(SesameHost host, Func<SesameDbContext, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SesameDbContext>());
    }

    private static async Task SwapFirstAndThirdAsync(SesameHost host)
    {
        await ExecuteAsync(host, "UPDATE \"AuditRecords\" SET \"Sequence\" = -1 WHERE \"Sequence\" = 1");
        await ExecuteAsync(host, "UPDATE \"AuditRecords\" SET \"Sequence\" = 1 WHERE \"Sequence\" = 3");
        await ExecuteAsync(host, "UPDATE \"AuditRecords\" SET \"Sequence\" = 3 WHERE \"Sequence\" = -1");
    }

    private static async Task ExecuteAsync(SesameHost host, string sql)
    {
        await using var scope = host.Services.CreateAsyncScope();
#pragma warning disable EF1002 // Fixed statements written by the test, no input.
        await scope.ServiceProvider.GetRequiredService<SesameDbContext>().Database.ExecuteSqlRawAsync(sql);
#pragma warning restore EF1002
    }
}
