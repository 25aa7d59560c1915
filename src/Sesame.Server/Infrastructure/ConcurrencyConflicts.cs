using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace Sesame.Server.Infrastructure;

/// <summary>
/// Two requests that change the same thing at once (a double submit of a code, say): the second one's save
/// fails on a concurrency token and nothing of it is kept. The person gets a 409 page that asks them to try
/// again, not a 500.
/// </summary>
public sealed class ConcurrencyConflicts : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is DbUpdateConcurrencyException)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status409Conflict);
            context.ExceptionHandled = true;
        }
    }
}
