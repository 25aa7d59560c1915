using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Core.Privacy;

namespace Sesame.Server.Infrastructure;

/// <summary>
/// The operators' commands (issue 7), run against the configured database instead of the server:
/// <code>
/// dotnet run --project src/Sesame.Server -- audit verify
/// dotnet run --project src/Sesame.Server -- audit export 2026-11-01 2026-12-01 csv > piste.csv
/// dotnet run --project src/Sesame.Server -- keys reencrypt
/// </code>
/// <c>verify</c> seals what is pending, walks the chain and exits 1 naming the first record changed, removed or
/// reordered; it prints the head (<c>sequence:hash</c>) to keep elsewhere, since removing the newest records
/// leaves a shorter chain that is still whole. Once the retention sweep has removed the oldest records, the chain
/// starts at the first remaining one, which a sealed <c>audit.pruned</c> record must vouch for. <c>keys reencrypt</c> rewrites personal information under the
/// newest of <c>Secrets:PersonalDataKeys</c>, after which older keys can be removed.
/// </summary>
public static class OperatorCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "audit" or "keys";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        switch ((args[0], args.ElementAtOrDefault(1)))
        {
            case ("keys", "reencrypt"):
                var count = await provider.GetRequiredService<PersonalDataRotation>().ReencryptAsync();
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"re-encrypted: {count} values"));
                return 0;
            case ("audit", "verify"):
                await SealPendingAsync(services);
                var result = await provider.GetRequiredService<AuditVerifier>().VerifyAsync();
                if (result.Intact)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"intact: {result.Sealed} records; head {result.Head}"));
                    return 0;
                }

                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"BROKEN at sequence {result.FirstBadSequence} (record id {result.FirstBadId}): {result.Problem}; {result.Sealed} records before it are intact"));
                return 1;
            case ("audit", "export") when args.Length >= 4
                && DateTimeOffset.TryParse(args[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from)
                && DateTimeOffset.TryParse(args[3], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var to):
                var records = await provider.GetRequiredService<SesameDbContext>().AuditRecords.AsNoTracking()
                    .Where(r => r.OccurredAt >= from && r.OccurredAt < to)
                    .OrderBy(r => r.Id)
                    .ToListAsync();
                await output.WriteAsync(args.ElementAtOrDefault(4) == "json" ? Json(records) : Csv(records));
                return 0;
            default:
                await output.WriteLineAsync("usage: audit verify | audit export FROM TO [csv|json] | keys reencrypt");
                return 2;
        }
    }

    /// <summary>Seals what is pending; when the running server seals at the same moment, it simply did the work.</summary>
    private static async Task SealPendingAsync(IServiceProvider services)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var scope = services.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<AuditSealer>().SealAsync(int.MaxValue);
                return;
            }
            catch (DbUpdateException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }

    private static string Json(IEnumerable<AuditRecord> records) => JsonSerializer.Serialize(records.Select(Row), new JsonSerializerOptions { WriteIndented = true });

    private static string Csv(IEnumerable<AuditRecord> records)
    {
        var csv = new StringBuilder("sequence,id,occurred_at,code,actor,subject,service,organization,nature,outcome,detail,source,hash\n");
        foreach (var row in records.Select(Row))
        {
            csv.AppendJoin(',', row.Values.Select(Quote)).Append('\n');
        }

        return csv.ToString();
    }

    private static Dictionary<string, string> Row(AuditRecord r) => new()
    {
        ["sequence"] = r.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["id"] = r.Id.ToString(CultureInfo.InvariantCulture),
        ["occurred_at"] = r.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["code"] = r.Code,
        ["actor"] = r.Actor,
        ["subject"] = r.Subject?.ToString() ?? "",
        ["service"] = r.Service ?? "",
        ["organization"] = r.Organization ?? "",
        ["nature"] = r.Nature,
        ["outcome"] = r.Outcome.ToString(),
        ["detail"] = r.Detail ?? "",
        ["source"] = r.Source ?? "",
        ["hash"] = r.Hash is null ? "" : Convert.ToHexString(r.Hash),
    };

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
