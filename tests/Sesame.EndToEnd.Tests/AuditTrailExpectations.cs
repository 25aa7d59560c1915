using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Testing;

namespace Sesame.EndToEnd.Tests;

/// <summary>
/// Issue 7, for every journey: the records about the account carry who acted, what was done, the nature of the
/// information, when and from which network (seed 004), include the events the journey must have left, and hold
/// none of the values that must stay masked.
/// </summary>
public static class AuditTrailExpectations
{
    public static async Task<IReadOnlyList<AuditRecord>> ExpectTrailAsync(SesameHost host, string username, string[] codes, params string[] neverInClear)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
        var id = await db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync();
        var records = await db.AuditRecords.AsNoTracking().Where(r => r.Subject == id).OrderBy(r => r.Id).ToListAsync();
        Assert.All(codes, code => Assert.Contains(records, r => r.Code == code));
        Assert.All(records, r =>
        {
            Assert.False(string.IsNullOrEmpty(r.Actor));
            Assert.False(string.IsNullOrEmpty(r.Nature));
            Assert.NotNull(r.Source);
            Assert.True(r.OccurredAt > DateTimeOffset.UtcNow.AddHours(-1));
            Assert.All(neverInClear.Append(username), value =>
                Assert.DoesNotContain(value, $"{r.Actor} {r.Detail} {r.Service} {r.Organization}", StringComparison.OrdinalIgnoreCase));
        });
        return records;
    }
}
