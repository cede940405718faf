using ProtoScript.Engine.Chains;

namespace ProtoScript.Engine.CrossChain;

/// <summary>
/// The outbox's part in a discarded block candidate: the messages it sent, their ids and the
/// value that left go back with the accounts. Deliveries are not covered: they run when the block
/// opens, before any candidate.
/// </summary>
public sealed partial class RollupCrossChain : ICandidateParticipant
{
    private (int Unconfirmed, ulong NextId, UInt128 ValueOut, long Sent, UInt128 ValueSent) _mark;

    void ICandidateParticipant.Mark() =>
        _mark = (_unconfirmed.Count, _hub.PeekId(), ValueOut, _hub.Metrics.Sent, _hub.Metrics.ValueSent);

    void ICandidateParticipant.Restore()
    {
        if (_unconfirmed.Count > _mark.Unconfirmed)
        {
            // A queue cannot drop its tail; this runs only for a losing candidate that sent messages.
            var kept = _unconfirmed.ToArray();
            _unconfirmed.Clear();
            for (var i = 0; i < _mark.Unconfirmed; i++)
            {
                _unconfirmed.Enqueue(kept[i]);
            }
        }

        _hub.ResetNextId(_mark.NextId);
        ValueOut = _mark.ValueOut;
        _hub.Metrics.Sent = _mark.Sent;
        _hub.Metrics.ValueSent = _mark.ValueSent;
    }
}
