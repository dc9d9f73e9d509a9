import kotext


def test_basic_rules():
    assert kotext.normalize("“ＫＯＴＥＸＴ”  최고ㅋㅋㅋㅋ!!!!") == '"KOTEXT" 최고ㅋㅋ!!'
