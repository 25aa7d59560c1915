using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sesame.Server.Oidc.Handlers;

/// <summary>Discovery names the two assurance levels (OpenID Connect Discovery 1.0 §3, acr_values_supported).</summary>
public sealed class AdvertiseAssuranceLevels : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<AdvertiseAssuranceLevels>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.Metadata["acr_values_supported"] = new OpenIddict.Abstractions.OpenIddictParameter(System.Text.Json.JsonSerializer.SerializeToElement(OidcServices.AcrValues));
        return default;
    }
}
