import O1CoderCore
internal import CLlama

extension LlamaEngine {
    public func generate(_ request: GenerationRequest) throws -> GenerationResult {
        try generateNow(request, ignoringEndOfSequence: false, onText: nil)
    }

    /// Like `generate`, but end-of-sequence tokens do not stop sampling (benchmarks that need a
    /// fixed number of tokens).
    public func generate(_ request: GenerationRequest, ignoringEndOfSequence: Bool) throws -> GenerationResult {
        try generateNow(request, ignoringEndOfSequence: ignoringEndOfSequence, onText: nil)
    }

    /// Streams sample 0's text as it is decoded; all `n` samples are in the final result. The
    /// whole generation runs on the engine's queue; cancelling the consumer cancels it.
    public nonisolated func stream(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> {
        AsyncThrowingStream { continuation in
            let producer = Task {
                do {
                    let result = try await self.generateNow(request, ignoringEndOfSequence: false) { continuation.yield(.text($0)) }
                    continuation.yield(.finished(result))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in producer.cancel() }
        }
    }

    func generateNow(_ request: GenerationRequest, ignoringEndOfSequence: Bool, onText: (@Sendable (String) -> Void)?) throws -> GenerationResult {
        assertOnEngineQueue()
        let p = request.parameters
        guard request.n >= 1, p.maxTokens >= 0 else {
            throw InferenceError(.invalidRequest, "A generation request needs n ≥ 1 and max tokens ≥ 0.")
        }
        let clock = ContinuousClock()
        let started = clock.now
        let prompt = try promptTokens(request.prompt)
        let nctx = context.contextLength
        guard prompt.count + p.maxTokens <= nctx else {
            throw InferenceError(.contextOverflow, "The prompt (\(prompt.count) tokens) plus max tokens (\(p.maxTokens)) exceed the context of \(nctx) tokens; shorten the prompt, lower --max-tokens or raise --ctx.")
        }
        var completions: [Completion] = []
        var usage = TokenUsage()
        let perRound = max(1, min(configuration.parallelSequences, (nctx - prompt.count) / max(1, p.maxTokens)))
        while completions.count < request.n {
            try Task.checkCancellation()
            let k = min(perRound, request.n - completions.count)
            let round = try generateRound(prompt: prompt, parameters: p, firstSample: completions.count, count: k,
                                          wantsLogProbs: request.wantsLogProbs, ignoringEndOfSequence: ignoringEndOfSequence,
                                          onText: completions.isEmpty ? onText : nil)
            completions += round.completions
            usage = usage + round.usage
        }
        usage.seconds = (clock.now - started).seconds
        stats.requests += 1
        stats.usage = stats.usage + usage
        return GenerationResult(completions: completions, usage: usage)
    }

    /// Evaluates the prompt once (reusing a cached prefix), forks it into `count` sequences and
    /// decodes all branches together, one batch per step.
    private func generateRound(prompt: [Token], parameters p: SamplingParameters, firstSample: Int, count k: Int,
                               wantsLogProbs: Bool, ignoringEndOfSequence: Bool,
                               onText: (@Sendable (String) -> Void)?) throws -> (completions: [Completion], usage: TokenUsage) {
        defer { releaseWorkingSequences() }
        var lastIndex: Int32 = 0
        let (evaluated, reused) = try evaluate(prompt, outputsFrom: prompt.count - 1) { _, index in lastIndex = index }
        rememberPrefix(prompt[...])
        var branches: [GenerationBranch] = []
        for i in 0..<k {
            let seq = Int32(i)
            if seq != Self.promptSequence { context.copySequence(Self.promptSequence, to: seq, length: Int32(prompt.count)) }
            let sampler = try SamplerHandle(p, seed: p.seed &+ UInt64(firstSample + i))
            branches.append(GenerationBranch(
                sequence: seq, sampler: sampler, matcher: StopStringMatcher(stopStrings: p.stop),
                repetition: p.repetitionGuard.map(RepetitionDetector.init(guard:)), outputIndex: lastIndex))
        }
        if p.maxTokens == 0 {
            for i in branches.indices { branches[i].stopReason = .maxTokens }
        }
        var generated = 0
        var batch = BatchHandle(capacity: k)
        while branches.contains(where: \.isActive) {
            for i in branches.indices where branches[i].isActive {
                let token = branches[i].sampler.sample(context: context, index: branches[i].outputIndex)
                let lp = wantsLogProbs ? logProbability(of: token, at: branches[i].outputIndex) : nil
                let isEnd = !ignoringEndOfSequence && model.isEndOfGeneration(token)
                let text = branches[i].accept(token, logProb: lp, piece: isEnd ? [] : model.piece(token), isEnd: isEnd, maxTokens: p.maxTokens)
                if !isEnd { generated += 1 }
                if i == 0, !text.isEmpty { onText?(text) }
            }
            if Task.isCancelled {
                for i in branches.indices where branches[i].isActive { branches[i].cancel() }
            }
            guard branches.contains(where: \.isActive) else { break }
            batch.clear()
            for i in branches.indices where branches[i].isActive {
                let b = branches[i]
                guard let last = b.tokens.last else { continue }
                branches[i].outputIndex = Int32(batch.count)
                batch.append(last, position: Int32(prompt.count + b.tokens.count - 1), sequence: b.sequence, wantsLogits: true)
            }
            try decode(batch)
        }
        let usage = TokenUsage(promptTokensEvaluated: evaluated, promptTokensReused: reused, generatedTokens: generated)
        return (branches.map { $0.completion() }, usage)
    }
}
