# synthetic pattern set
set fuzz_seed
description seed for the fuzzer
define sep (?:[ ._-])?
term cue (?:apps?|chat|messag(?:e|ed|ing))
platform alpha Alpha Chat
  group g1
  pattern alpha{{sep}}chat
  pattern {near=cue:20} alpha
  pattern {case,partial} AlphaApp\b
  exclude alpha{{sep}}centauri
  match met on alpha chat
  nomatch alpha centauri
platform beta Beta
  pattern {edit=1} betagram
  pattern {notnear=cue:10} beta\x20box
  require cue
