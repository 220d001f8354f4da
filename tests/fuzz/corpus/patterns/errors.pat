platform a A
  pattern (unclosed
platform a again
  pattern {near=nosuch:5} x
