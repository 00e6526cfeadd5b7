namespace Adal.Platform.Web;

/// <summary>
/// A response body already written as JSON (a stored status view, a catalogue search answered before): sent as it is,
/// with the content type minimal APIs give a JSON body, so a client cannot tell it from a freshly serialised one.
/// </summary>
public sealed class JsonBytes(byte[] json, int status = StatusCodes.Status200OK) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType;
        http.Response.ContentLength = json.Length;
        return http.Response.Body.WriteAsync(json, http.RequestAborted).AsTask();
    }
}
