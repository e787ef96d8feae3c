namespace Fluxion.Distributed

open System

/// <summary>Some tasks of an ensemble threw (or returned a result of the wrong length); every rank throws it, naming the tasks.</summary>
[<Sealed>]
type EnsembleException internal (message: string, failedTasks: int[], inner: Exception) =
    inherit Exception(message, inner)
    /// <summary>The indices of the tasks that failed, in increasing order (a copy).</summary>
    member _.FailedTasks = Array.copy failedTasks

/// <summary>
/// Independent fits spread over the ranks of an <see cref="T:Fluxion.Distributed.MpiWorld"/>: many starting points
/// of an optimisation, many data sets, many seeds. Task i runs on rank i mod Size; the results are gathered in task
/// order (one all-gather) and returned on every rank, rank 0 included.
/// </summary>
/// <example><code>double[][] fits = Ensemble.Run(world, 16, 4, seed =&gt; FitFrom(seed));
/// if (world.IsRoot) Report(fits);</code></example>
[<AbstractClass; Sealed>]
type Ensemble =

    /// <summary>The rank that runs task taskIndex (taskIndex mod Size).</summary>
    /// <param name="world">The world.</param>
    /// <param name="taskIndex">The task, 0 or more.</param>
    static member RankOf(world: MpiWorld, taskIndex: int) : int =
        if isNull (box world) then raise (ArgumentNullException(nameof world))
        if taskIndex < 0 then raise (ArgumentOutOfRangeException(nameof taskIndex, taskIndex, "taskIndex must be 0 or more."))
        taskIndex % world.Size

    /// <summary>
    /// Runs task(i) for every i in 0 … taskCount − 1, each on the rank <see cref="M:Fluxion.Distributed.Ensemble.RankOf(Fluxion.Distributed.MpiWorld,System.Int32)"/>
    /// names, and returns every result on every rank: result[i] is task(i)'s array. Every rank must call it with the
    /// same taskCount and resultLength.
    /// </summary>
    /// <param name="world">The world.</param>
    /// <param name="taskCount">The number of tasks.</param>
    /// <param name="resultLength">The length of every task's result.</param>
    /// <param name="task">Runs one task from its index (a seed, a starting point, a data set) and returns its result.</param>
    /// <exception cref="T:Fluxion.Distributed.EnsembleException">A task threw or returned a result of another length: thrown on every rank once all tasks have run, naming the failed tasks (the first local failure is the inner exception on the rank that ran it).</exception>
    /// <exception cref="T:Fluxion.Distributed.MpiMismatchException">The ranks passed different task counts or result lengths, or another rank's arguments were invalid.</exception>
    static member Run(world: MpiWorld, taskCount: int, resultLength: int, task: Func<int, double[]>) : double[][] =
        if isNull (box world) then raise (ArgumentNullException(nameof world))
        // Argument errors are reported through the all-gather's agreement step, so that every rank stops, not only this one.
        let problem: exn =
            if isNull task then ArgumentNullException(nameof task)
            elif taskCount < 0 then ArgumentOutOfRangeException(nameof taskCount, taskCount, "taskCount must be 0 or more.")
            elif resultLength < 0 then ArgumentOutOfRangeException(nameof resultLength, resultLength, "resultLength must be 0 or more.")
            elif (int64 taskCount + int64 world.Size - 1L) / int64 world.Size * (int64 resultLength + 1L) * int64 world.Size > int64 Int32.MaxValue then
                ArgumentOutOfRangeException(nameof taskCount, taskCount, "The gathered results would not fit one MPI message.")
            else null
        if not (isNull problem) then
            world.AllGather(ReadOnlySpan<float>.Empty, Span<float>.Empty, taskCount, "task counts", problem)
        let size = world.Size
        let rank = world.Rank
        // Each rank fills slots of [status; result…]: status 1 done, 0 failed, −1 no task (padding of the last round).
        let record = resultLength + 1
        let slots = (taskCount + size - 1) / size
        let local = Array.create (slots * record) -1.0
        let mutable firstFailure: Exception = null
        for slot in 0 .. slots - 1 do
            let index = slot * size + rank
            if index < taskCount then
                let at = slot * record
                try
                    let result = task.Invoke index
                    if isNull result then
                        raise (InvalidOperationException($"Task {index} returned null instead of {resultLength} values."))
                    if result.Length <> resultLength then
                        raise (InvalidOperationException($"Task {index} returned {result.Length} values instead of {resultLength}."))
                    Array.blit result 0 local (at + 1) resultLength
                    local[at] <- 1.0
                with e ->
                    local[at] <- 0.0
                    if isNull firstFailure then firstFailure <- e
        let all = Array.zeroCreate<float> (local.Length * size)
        world.AllGather(ReadOnlySpan<float>(local), Span<float>(all), taskCount, "task counts", null)
        let failed = ResizeArray<int>()
        let results =
            Array.init taskCount (fun index ->
                let at = (index % size) * local.Length + (index / size) * record
                if all[at] <> 1.0 then failed.Add index
                all[at + 1 .. at + resultLength])
        if failed.Count > 0 then
            let shown = String.Join(", ", failed |> Seq.truncate 20)
            let more = if failed.Count > 20 then $" and {failed.Count - 20} more" else ""
            let here = if isNull firstFailure then "" else $" On rank {rank}: {firstFailure.Message}"
            raise (EnsembleException($"{failed.Count} of {taskCount} ensemble tasks failed: {shown}{more}.{here}", failed.ToArray(), firstFailure))
        results
