"""TextRank summaries and keywords over one jieba tokenisation pass."""
