"""models.py: the bfloat16 twin of a network (weights cast once) answers exactly as autocast."""

import pytest

torch = pytest.importorskip("torch")

from qa_bot.models import bf16_linear_copy, inference_precision  # noqa: E402


class Tiny(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.emb = torch.nn.Embedding(50, 16)
        self.lin = torch.nn.Linear(16, 32)
        self.norm = torch.nn.LayerNorm(32)
        self.out = torch.nn.Linear(32, 4)

    def forward(self, ids):
        return self.out(torch.nn.functional.gelu(self.norm(self.lin(self.emb(ids)))))


def test_bf16_copy_gives_the_autocast_outputs_and_shares_the_rest() -> None:
    torch.manual_seed(0)
    net = Tiny().eval()
    twin = bf16_linear_copy(net)
    ids = torch.randint(0, 50, (3, 7))
    with inference_precision("bfloat16"):
        want, got = net(ids), twin(ids)
    assert torch.equal(want.float(), got.float())  # the same products, cast once instead
    assert twin.lin.weight.dtype == twin.out.bias.dtype == torch.bfloat16
    assert net.lin.weight.dtype == torch.float32  # the original is untouched
    # embeddings and layer norms are shared, not copied
    assert twin.emb.weight.data_ptr() == net.emb.weight.data_ptr()
    assert twin.norm.weight.data_ptr() == net.norm.weight.data_ptr()
    assert twin.lin.weight.data_ptr() != net.lin.weight.data_ptr()
