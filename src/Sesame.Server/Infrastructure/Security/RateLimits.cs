using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Sesame.Server.Infrastructure.Security;

/// <summary>
/// Per-address limits on the forms an attacker would hammer (quality.md "sign-in"): sign-in, code entry,
/// account creation. Only submissions count, not reading the page, and switching the language is free.
/// Counters are per node for now; several nodes will keep them in Redis (architecture.md).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string CodeEntry = "code-entry";
    public const string AccountCreation = "account-creation";

    public static IServiceCollection AddSesameRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(SignIn, context => Partition(context, o => o.SignInPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(CodeEntry, context => Partition(context, o => o.CodeEntryPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(AccountCreation, context => Partition(context, o => o.AccountCreationPerHour, TimeSpan.FromHours(1)));
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, Func<RateLimitOptions, int> limit, TimeSpan window)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Query["handler"] == "Language")
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit(options),
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
