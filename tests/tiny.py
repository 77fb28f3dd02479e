"""Tiny corpora and model flags shared by the tests: a model trains on them in seconds."""

PAIRS = [
    ("나는 사과를 먹었어.", "I ate an apple."),
    ("너는 책을 읽었어?", "Did you read a book?"),
    ("민수는 학교에 가요.", "Minsu goes to school."),
    ("지영이 커피를 마셔요.", "Jiyoung drinks coffee."),
    ("우리는 영화를 볼 거야.", "We will watch a movie."),
    ("그는 집에 갔습니다.", "He went home."),
    ("엄마가 빵을 샀어.", "My mom bought bread."),
    ("친구와 같이 공원에 갔어.", "I went to the park with my friend."),
    ("사과 세 개를 샀어요.", "I bought three apples."),
    ("어제 카페에 갔었어.", "I went to the cafe yesterday."),
    ("선생님이 책을 읽으셨어요.", "The teacher read a book."),
    ("그들은 음악을 듣고 있어.", "They are listening to music."),
]

TINY_MODEL = ["--d-model", "32", "--heads", "2", "--encoder-layers", "1", "--decoder-layers", "1", "--ff", "64",
              "--src-vocab", "96", "--tgt-vocab", "80", "--max-tokens", "300", "--warmup", "20",
              "--eval-sentences", "4", "--threads", "1", "--precision", "fp32"]
