using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sesame.Server.Oidc.Handlers;

/// <summary>
/// A service reading a person's information at the userinfo endpoint is an access to personal information,
/// recorded like any other (issue 7: "reads of personal information by operators and services are recorded
/// too"). The token carries only the identification code, so the person is found through the consent that
/// gave the service that code.
/// </summary>
public sealed class RecordUserInfoRead(SesameDbContext db, AuditTrail audit) : IOpenIddictServerHandler<HandleUserInfoRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleUserInfoRequestContext>()
            .UseScopedHandler<RecordUserInfoRead>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleUserInfoRequestContext context)
    {
        if (context.IsRejected || context.AccessTokenPrincipal is not { } principal)
        {
            return;
        }

        var subject = principal.GetClaim(OpenIddictConstants.Claims.Subject);
        var service = principal.GetPresenters().FirstOrDefault();
        if (subject is null || service is null)
        {
            return;
        }

        var account = await db.Consents.Where(c => c.ClientId == service && c.Subject == subject)
            .OrderByDescending(c => c.GrantedAt).Select(c => (Guid?)c.UserId).FirstOrDefaultAsync(context.CancellationToken);
        audit.Record(new PersonalInformationRead("userinfo: " + string.Join(' ', principal.GetScopes().Order(StringComparer.Ordinal)))
        {
            Subject = account,
            Actor = "service:" + service,
            Service = service,
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
