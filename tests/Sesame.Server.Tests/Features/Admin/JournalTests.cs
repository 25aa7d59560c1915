using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Accounts;
using Sesame.Server.Features.Admin;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.Admin;

/// <summary>The operators' search of the audit trail (issue 7, item 3): operators only, filtered, and itself recorded.</summary>
[Collection(ServerCollection.Name)]
public sealed class JournalTests(ServerFixture server)
{
    [Fact]
    public async Task An_operator_finds_a_persons_records_and_the_search_is_recorded_while_a_citizen_is_refused()
    {
        var (person, _) = await Journeys.ConfirmedAccountAsync(server);
        var (operatorName, operatorEmail) = await Journeys.ConfirmedAccountAsync(server);
        await using (var scope = server.Host.Services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            if (!await roles.RoleExistsAsync(JournalModel.OperatorRole))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(JournalModel.OperatorRole));
            }

            var users = scope.ServiceProvider.GetRequiredService<UserManager<SesameUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByNameAsync(operatorName))!, JournalModel.OperatorRole)).Succeeded);
        }

        using var citizen = await Journeys.SignInAsync(server, person, (await server.WithDatabaseAsync(db => db.Users.SingleAsync(u => u.UserName == person))).Email!, codesBefore: 1);
        var refused = await citizen.GetAsync("/admin/journal?compte=" + person);
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.StartsWith("/erreur/403", refused.Target, StringComparison.Ordinal);

        using var operatorBrowser = await Journeys.SignInAsync(server, operatorName, operatorEmail, codesBefore: 1);
        var empty = await operatorBrowser.GetAsync("/admin/journal");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains("Journal des accès et des modifications", empty.Text, StringComparison.Ordinal);

        var found = await operatorBrowser.GetAsync($"/admin/journal?compte={person}&evenement=session.signed-in");
        Assert.Contains("1 enregistrement(s)", found.Text, StringComparison.Ordinal);
        Assert.Contains("session.signed-in", found.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("account.created", found.Text, StringComparison.Ordinal);

        var personId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == person).Select(u => u.Id).SingleAsync());
        var operatorId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == operatorName).Select(u => u.Id).SingleAsync());
        var search = await server.WithDatabaseAsync(db => db.AuditRecords.AsNoTracking()
            .SingleAsync(r => r.Code == "personal-information.read" && r.Actor == "operator:" + operatorId));
        Assert.Equal(personId, search.Subject);
    }
}
