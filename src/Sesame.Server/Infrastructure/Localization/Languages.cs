using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Sesame.Server.Infrastructure.Security;

namespace Sesame.Server.Infrastructure.Localization;

/// <summary>French first, English a click away (mission.md: the seeds show "English" on every page).</summary>
public static class Languages
{
    public const string French = "fr";
    public const string English = "en";

    public static readonly string[] Supported = [French, English];

    public static bool IsSupported(string? culture) => culture is French or English;

    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English ? English : French;

    public static string Other => Current == French ? English : French;

    public static RequestLocalizationOptions Options(CookieSettings cookies)
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(French)
            .AddSupportedCultures(Supported)
            .AddSupportedUICultures(Supported);
        // Only the person's choice counts: the cookie, then the default. The browser's Accept-Language is
        // ignored so that the service opens in French as the seeds show it.
        options.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = cookies.Name("sesame-lang") }];
        return options;
    }

    /// <summary>Remembers the choice and switches the current request to it.</summary>
    public static void Apply(HttpContext context, string culture)
    {
        if (!IsSupported(culture))
        {
            return;
        }

        var cookies = context.RequestServices.GetRequiredService<CookieSettings>();
        context.Response.Cookies.Append(
            cookies.Name("sesame-lang"),
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            cookies.Options(context, TimeSpan.FromDays(365)));
        var info = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentCulture = info;
        CultureInfo.CurrentUICulture = info;
    }

    /// <summary>
    /// GET /langue?culture=en&amp;retour=/path: for pages without a form. Only local paths are followed
    /// back, so the switch cannot be used as an open redirect.
    /// </summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/langue", (HttpContext context, string? culture, string? retour) =>
        {
            if (!IsSupported(culture))
            {
                return Results.BadRequest();
            }

            Apply(context, culture!);
            return Results.LocalRedirect(IsLocalPath(retour) ? retour! : "/");
        });
        return endpoints;
    }

    public static bool IsLocalPath(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'));
}
