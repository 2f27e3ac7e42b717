namespace TalentMesh.BackOffice.Credentials;

/// <summary>
/// Paging through a list with opaque page tokens: the services only answer "next", so going back replays the token
/// that opened the previous page.
/// </summary>
public sealed class QueuePages
{
    private readonly Stack<string> previous = new();

    /// <summary>The token the current page was read with ("" = first page).</summary>
    public string Current { get; private set; } = "";

    /// <summary>The token of the page after this one ("" = this is the last page).</summary>
    public string Next { get; private set; } = "";

    public int Number => previous.Count + 1;

    public bool HasPrevious => previous.Count > 0;

    public bool HasNext => Next.Length > 0;

    public void Answered(string nextPageToken) => Next = nextPageToken;

    public void Forward()
    {
        if (!HasNext)
            return;
        previous.Push(Current);
        Current = Next;
        Next = "";
    }

    public void Back()
    {
        if (previous.TryPop(out var token))
        {
            Current = token;
            Next = "";
        }
    }

    public void Restart()
    {
        previous.Clear();
        Current = "";
        Next = "";
    }
}
