%% Mnesia's side of the engine benchmarks, measured on the machine that runs Mnemo's, so the two compare in one
%% sitting. The data and operations are EngineBenchmarks': a set table of 100,000 accounts {id, balance, name} with
%% 32-character names, RAM copies on one node, random ids drawn in advance. Each operation runs in 1 s iterations
%% (10 warm-up, 10 measured, as the JMH suites); one line per operation gives the median, the 10th and 90th
%% percentile iteration in ns per operation. The script next to this file compiles and runs it.
-module(mnesia_bench).
-export([main/0]).

-record(account, {id, balance, name}).

-define(ROWS, 100000).
-define(KEYS, 1048576).
-define(WARMUP, 10).
-define(MEASURED, 10).
-define(ITERATION_NS, 1000000000).
-define(BATCH, 1000).

main() ->
    ok = mnesia:start(),
    {atomic, ok} = mnesia:create_table(account, [{ram_copies, [node()]}, {type, set},
                                                 {attributes, record_info(fields, account)}]),
    load(1),
    ?ROWS = mnesia:table_info(account, size),
    Keys = keys(),
    Ops = [{dirty_read, fun(Id) -> [_] = mnesia:dirty_read(account, Id) end},
           {ets_lookup, fun(Id) -> [_] = ets:lookup(account, Id) end},
           {dirty_write, fun(Id) -> ok = mnesia:dirty_write(#account{id = Id, balance = Id, name = name(Id)}) end},
           {rmw_transaction, fun(Id) -> {atomic, ok} = mnesia:transaction(fun() -> rmw(Id) end) end}],
    lists:foreach(fun({Name, Op}) -> report(Name, measure(Op, Keys)) end, Ops),
    init:stop().

%% A one-row read-modify-write: read the balance under a write lock, as Mnesia's users do, and write it plus one.
rmw(Id) ->
    [A] = mnesia:read(account, Id, write),
    mnesia:write(A#account{balance = A#account.balance + 1}).

load(Id) when Id > ?ROWS ->
    ok;
load(From) ->
    To = min(From + 999, ?ROWS),
    {atomic, ok} = mnesia:transaction(fun() ->
        lists:foreach(fun(Id) -> mnesia:write(#account{id = Id, balance = 1000 + Id, name = name(Id)}) end,
                      lists:seq(From, To))
    end),
    load(To + 1).

%% 32 bytes, as EngineBenchmarks' names: "customer-ID-" then letters.
name(Id) ->
    Prefix = <<"customer-", (integer_to_binary(Id))/binary, "-">>,
    pad(Prefix).

pad(B) when byte_size(B) >= 32 ->
    B;
pad(B) ->
    pad(<<B/binary, ($a + byte_size(B) rem 26)>>).

keys() ->
    rand:seed(exsss, {16#9E37, 16#79B9, 16#7F4A}),
    list_to_tuple([rand:uniform(?ROWS) || _ <- lists:seq(1, ?KEYS)]).

measure(Op, Keys) ->
    [iteration(Op, Keys) || _ <- lists:seq(1, ?WARMUP)],
    [iteration(Op, Keys) || _ <- lists:seq(1, ?MEASURED)].

%% One iteration: batches of operations until a second has passed; ns per operation.
iteration(Op, Keys) ->
    Start = erlang:monotonic_time(nanosecond),
    batches(Op, Keys, rand:uniform(?KEYS), Start, 0).

batches(Op, Keys, I, Start, Done) ->
    I2 = batch(Op, Keys, I, ?BATCH),
    Elapsed = erlang:monotonic_time(nanosecond) - Start,
    case Elapsed >= ?ITERATION_NS of
        true -> Elapsed / (Done + ?BATCH);
        false -> batches(Op, Keys, I2, Start, Done + ?BATCH)
    end.

batch(_Op, _Keys, I, 0) ->
    I;
batch(Op, Keys, I, N) ->
    Op(element(I, Keys)),
    batch(Op, Keys, I rem ?KEYS + 1, N - 1).

report(Name, Times) ->
    Sorted = lists:sort(Times),
    N = length(Sorted),
    Median = case N rem 2 of
                 1 -> lists:nth(N div 2 + 1, Sorted);
                 0 -> (lists:nth(N div 2, Sorted) + lists:nth(N div 2 + 1, Sorted)) / 2
             end,
    io:format("~s median_ns=~.1f p10_ns=~.1f p90_ns=~.1f iterations=~w~n",
              [Name, Median, lists:nth(max(1, N div 10), Sorted), lists:nth(N - N div 10, Sorted),
               [round(T) || T <- Times]]).
