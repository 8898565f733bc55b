"""TextRank summaries, keywords and keyphrases over one tokenisation pass (rjieba or jieba).

``sentences`` and ``keywords`` hold the vectorised algorithms, ``reference`` the textrank4zh
package itself (shimmed for networkx 3) that they are tested against.
"""
